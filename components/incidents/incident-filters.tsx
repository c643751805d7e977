import Form from "next/form";
import Link from "next/link";
import type { IncidentFilterValues } from "@/components/incidents/incident-filters-params";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { incidentStatuses, severities, severityLabels, statusLabels } from "@/lib/incidents/labels";
import type { ServiceRef } from "@/lib/incidents/types";
import { ServiceOptions } from "@/components/health/service-options";

/** A plain GET form: the filter lives in the URL, so a filtered list can be shared and reloaded. */
export function IncidentFilters({
  values,
  services,
}: {
  values: IncidentFilterValues;
  services: ServiceRef[];
}) {
  const active = Object.values(values).some(Boolean);
  return (
    // Keyed by the values so the fields show the URL's filter after a client-side navigation.
    <Form
      key={JSON.stringify(values)}
      action="/incidents"
      data-testid="incident-filters"
      aria-label="Filter incidents"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3"
    >
      <Field id="filter-status" label="Status">
        <Select id="filter-status" name="status" defaultValue={values.status}>
          <option value="">Any</option>
          <option value="open">Open (not resolved)</option>
          {incidentStatuses.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="filter-severity" label="Severity">
        <Select id="filter-severity" name="severity" defaultValue={values.severity}>
          <option value="">Any</option>
          {severities.map((severity) => (
            <option key={severity} value={severity}>
              {severityLabels[severity]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="filter-service" label="Service">
        <Select
          id="filter-service"
          name="service"
          defaultValue={values.service}
          className="max-w-56"
        >
          <option value="">Any</option>
          <ServiceOptions services={services} />
        </Select>
      </Field>
      <Field id="filter-from" label="Declared from (UTC)">
        <Input id="filter-from" name="from" type="date" defaultValue={values.from} />
      </Field>
      <Field id="filter-to" label="to (UTC, inclusive)">
        <Input id="filter-to" name="to" type="date" defaultValue={values.to} />
      </Field>
      <div className="flex items-center gap-2">
        <Button type="submit" data-testid="incident-filters-apply">
          Apply
        </Button>
        {active ? (
          <Link href="/incidents" className={buttonClasses("ghost")}>
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
