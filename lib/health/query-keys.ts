import type { LatencyRange, StatusFilter } from "@/lib/health/types";

/** Every react-query key of the health domain; invalidation works on the prefixes. */
export const healthKeys = {
  all: ["health"] as const,
  summaries: () => [...healthKeys.all, "summary"] as const,
  summary: (filter: StatusFilter) =>
    [
      ...healthKeys.summaries(),
      { environment: filter.environment ?? null, tag: filter.tag ?? null },
    ] as const,
  service: (serviceId: string) => [...healthKeys.all, "service", serviceId] as const,
  detail: (serviceId: string) => [...healthKeys.service(serviceId), "detail"] as const,
  latency: (serviceId: string, range: LatencyRange) =>
    [...healthKeys.service(serviceId), "latency", range] as const,
  checks: (serviceId: string) => [...healthKeys.service(serviceId), "checks"] as const,
};
