import { statusFilterSchema } from "@/lib/health/schema";
import type { StatusFilter } from "@/lib/health/types";

/** URL search params to a status filter: a bad or repeated value is dropped, never an error page. */
export function statusFilterFromSearchParams(
  params: Record<string, string | string[] | undefined>,
): StatusFilter {
  const filter: StatusFilter = {};
  for (const key of ["environment", "tag"] as const) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    const parsed = statusFilterSchema.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filter[key] = parsed.data;
  }
  return filter;
}
