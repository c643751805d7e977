import { incidentListFilterSchema } from "@/lib/incidents/schema";
import type { IncidentListFilter } from "@/lib/incidents/types";
import { formatUtcDate } from "@/lib/time/format";

export const incidentFilterKeys = ["status", "severity", "service", "from", "to"] as const;
export type IncidentFilterKey = (typeof incidentFilterKeys)[number];
/** What the filter form shows: the accepted values as typed, "" for none. */
export type IncidentFilterValues = Record<IncidentFilterKey, string>;

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * URL search params to the list filter: a bad or repeated value is dropped (and named), never an error page.
 * A bare date in "to" means the whole of that UTC day.
 */
export function incidentFilterFromSearchParams(
  params: Record<string, string | string[] | undefined>,
): {
  filter: IncidentListFilter;
  values: IncidentFilterValues;
  ignored: IncidentFilterKey[];
} {
  const values: IncidentFilterValues = { status: "", severity: "", service: "", from: "", to: "" };
  const ignored: IncidentFilterKey[] = [];
  const filter: IncidentListFilter = { limit: 200 };
  for (const key of incidentFilterKeys) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
    if (!value) continue;
    const input = key === "to" && dateOnly.test(value) ? `${value}T23:59:59.999Z` : value;
    const parsed = incidentListFilterSchema.shape[key].safeParse(input);
    if (!parsed.success || parsed.data === undefined) {
      ignored.push(key);
      continue;
    }
    values[key] = parsed.data instanceof Date ? formatUtcDate(parsed.data) : parsed.data;
    Object.assign(filter, { [key]: parsed.data });
  }
  return { filter, values, ignored };
}
