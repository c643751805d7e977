import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AuditFilter } from "@/lib/audit/types";

/** A plain GET form: the filter lives in the URL, so it can be shared and reloaded. */
export function AuditFilterForm({
  filter,
  targetTypes,
}: {
  filter: AuditFilter;
  targetTypes: string[];
}) {
  const options =
    filter.targetType && !targetTypes.includes(filter.targetType)
      ? [...targetTypes, filter.targetType]
      : targetTypes;
  return (
    <form
      method="get"
      action="/settings/audit"
      role="search"
      aria-label="Filter the audit log"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_12rem_auto] lg:items-end"
    >
      <Field id="audit-action" label="Action contains">
        <Input
          id="audit-action"
          name="action"
          defaultValue={filter.action ?? ""}
          placeholder="e.g. user.set_role"
          autoComplete="off"
        />
      </Field>
      <Field id="audit-actor" label="Actor contains">
        <Input
          id="audit-actor"
          name="actor"
          defaultValue={filter.actor ?? ""}
          placeholder="e.g. an email, cli, system"
          autoComplete="off"
        />
      </Field>
      <Field id="audit-target-type" label="Target type">
        <Select id="audit-target-type" name="targetType" defaultValue={filter.targetType ?? ""}>
          <option value="">Any</option>
          {options.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          Filter
        </Button>
        <Link href="/settings/audit" className={buttonClasses("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
