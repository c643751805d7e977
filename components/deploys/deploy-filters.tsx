import Form from "next/form";
import Link from "next/link";
import type { DeployFilterValues } from "@/components/deploys/deploy-filters-params";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { deployStatusLabels, deployStatuses } from "@/lib/deploys/labels";
import { ServiceOptions } from "@/components/health/service-options";

export type DeployServiceOption = { id: string; name: string; environment: string };

/** A plain GET form: the filter lives in the URL, so a filtered log can be shared and reloaded. */
export function DeployFilters({ values, services }: { values: DeployFilterValues; services: DeployServiceOption[] }) {
  const active = Boolean(values.service || values.status || values.inFlight);
  // A service named in the URL by name (as CI knows it) stays selectable.
  const knownService = values.service === "" || services.some((service) => service.id === values.service);
  return (
    <Form
      key={JSON.stringify(values)}
      action="/deploys"
      data-testid="deploy-filters"
      aria-label="Filter deploys"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3"
    >
      <Field id="deploy-filter-service" label="Service">
        <Select id="deploy-filter-service" name="service" defaultValue={values.service} className="max-w-56">
          <option value="">Any</option>
          {knownService ? null : <option value={values.service}>{values.service}</option>}
          <ServiceOptions services={services} />
        </Select>
      </Field>
      <Field id="deploy-filter-status" label="Status">
        <Select id="deploy-filter-status" name="status" defaultValue={values.status}>
          <option value="">Any</option>
          {deployStatuses.map((status) => (
            <option key={status} value={status}>
              {deployStatusLabels[status]}
            </option>
          ))}
        </Select>
      </Field>
      <label className="flex h-8 items-center gap-2 text-sm">
        <input type="checkbox" name="inFlight" value="true" defaultChecked={values.inFlight === "true"} data-testid="deploy-filter-in-flight" className="size-4 accent-[var(--accent)]" />
        In flight only
      </label>
      <div className="flex items-center gap-2">
        <Button type="submit" data-testid="deploy-filters-apply">
          Apply
        </Button>
        {active ? (
          <Link href="/deploys" className={buttonClasses("ghost")}>
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
