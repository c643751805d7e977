"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchStatusSummary } from "@/components/health/health-api";
import { useHealthRefetchInterval } from "@/components/health/live-health";
import { healthKeys } from "@/lib/health/query-keys";
import type { StatusFilter, StatusSummary } from "@/lib/health/types";

/** The summary the server rendered, kept fresh by the event stream (or polling while it is down). */
export function useStatusSummary(filter: StatusFilter, initialSummary: StatusSummary) {
  const refetchInterval = useHealthRefetchInterval();
  return useQuery({
    queryKey: healthKeys.summary(filter),
    queryFn: ({ signal }) => fetchStatusSummary(filter, signal),
    initialData: initialSummary,
    initialDataUpdatedAt: Date.parse(initialSummary.generatedAt),
    refetchInterval,
  });
}
