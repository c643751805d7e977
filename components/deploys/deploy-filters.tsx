import type { DeployFilterValues } from "@/components/deploys/deploy-filters-params";
import { FilterForm } from "@/components/ui/filter-form";
import { Field } from "@/components/ui/field";
import { LabelledOptions, Select } from "@/components/ui/select";
import { deployStatusLabels, deployStatuses } from "@/lib/deploys/labels";
import { ServiceOptions } from "@/components/health/service-options";

export type DeployServiceOption = { id: string; name: string; environment: string };

export function DeployFilters({
  values,
  services,
}: {
  values: DeployFilterValues;
  services: DeployServiceOption[];
}) {
  const active = Boolean(values.service || values.status || values.inFlight);
  // A service named in the URL by name (as CI knows it) stays selectable.
  const knownService =
    values.service === "" || services.some((service) => service.id === values.service);
  return (
    <FilterForm
      action="/deploys"
      values={values}
      active={active}
      label="Filter deploys"
      testId="deploy-filters"
    >
      <Field id="deploy-filter-service" label="Service">
        <Select
          id="deploy-filter-service"
          name="service"
          defaultValue={values.service}
          className="max-w-56"
        >
          <option value="">Any</option>
          {knownService ? null : <option value={values.service}>{values.service}</option>}
          <ServiceOptions services={services} />
        </Select>
      </Field>
      <Field id="deploy-filter-status" label="Status">
        <Select id="deploy-filter-status" name="status" defaultValue={values.status}>
          <option value="">Any</option>
          <LabelledOptions values={deployStatuses} labels={deployStatusLabels} />
        </Select>
      </Field>
      <label className="flex h-8 items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="inFlight"
          value="true"
          defaultChecked={values.inFlight === "true"}
          data-testid="deploy-filter-in-flight"
          className="size-4 accent-[var(--accent)]"
        />
        In flight only
      </label>
    </FilterForm>
  );
}
