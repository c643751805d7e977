import { deployListFilterSchema } from "@/lib/deploys/schema";
import type { DeployListFilter } from "@/lib/deploys/types";

export const deployFilterKeys = ["service", "status", "inFlight", "before"] as const;
export type DeployFilterKey = (typeof deployFilterKeys)[number];
/** What the filter form shows: the accepted values as typed, "" for none. */
export type DeployFilterValues = Record<DeployFilterKey, string>;

/** URL search params to the list filter: a bad or repeated value is dropped (and named), never an error page. */
export function deployFilterFromSearchParams(
  params: Record<string, string | string[] | undefined>,
): {
  filter: DeployListFilter;
  values: DeployFilterValues;
  ignored: DeployFilterKey[];
} {
  const values: DeployFilterValues = { service: "", status: "", inFlight: "", before: "" };
  const ignored: DeployFilterKey[] = [];
  const filter: DeployListFilter = { limit: 50 };
  for (const key of deployFilterKeys) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
    if (!value) continue;
    const parsed = deployListFilterSchema.shape[key].safeParse(value);
    if (!parsed.success || parsed.data === undefined || parsed.data === false) {
      if (!parsed.success) ignored.push(key);
      continue;
    }
    values[key] = String(parsed.data);
    Object.assign(filter, { [key]: parsed.data });
  }
  return { filter, values, ignored };
}

/** The log's URL for a filter, e.g. the next page of older deploys. */
export function deploysHref(values: Partial<DeployFilterValues>): string {
  const search = new URLSearchParams();
  for (const key of deployFilterKeys) {
    const value = values[key];
    if (value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `/deploys?${text}` : "/deploys";
}
