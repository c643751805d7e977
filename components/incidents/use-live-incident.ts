"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { IncidentDetail } from "@/components/incidents/incident-api";
import { createFlushScheduler, useEventStream, type LiveState } from "@/components/live/event-stream";
import { incidentKeys } from "@/lib/incidents/query-keys";

const minFlushGapMs = 1_000;
const streamEvents = ["incident", "health"] as const;

function parse(data: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps one incident's queries fresh from the event stream: its own changes refetch the incident and the
 * timeline; a health change of an affected service refetches the incident (its failing checks feed the
 * runbook hints). Events come from every instance (Postgres NOTIFY), so everyone viewing sees them (L1).
 */
export function useLiveIncident(incidentId: string): LiveState {
  const queryClient = useQueryClient();

  const pending = useMemo(() => createIncidentInvalidator(queryClient, incidentId), [queryClient, incidentId]);
  useEffect(() => pending.cancel, [pending]);

  return useEventStream(streamEvents, {
    onEvent(name, data) {
      const event = parse(data);
      if (!event) return;
      if (name === "incident") {
        if (event.incidentId === incidentId) pending.add(true);
        return;
      }
      const named = Array.isArray(event.serviceIds) ? event.serviceIds.map(String) : [];
      const affected = queryClient.getQueryData<IncidentDetail>(incidentKeys.detail(incidentId))?.incident.services ?? [];
      if (event.all === true || affected.some((service) => named.includes(service.id))) pending.add(false);
    },
    onResync: () => pending.add(true),
  });
}

/** Coalesces events into one refetch of the incident, and of its timeline when an event may have added entries. */
function createIncidentInvalidator(queryClient: QueryClient, incidentId: string) {
  let timeline = false;
  const scheduler = createFlushScheduler(() => {
    void queryClient.invalidateQueries({ queryKey: incidentKeys.detail(incidentId) });
    if (timeline) void queryClient.invalidateQueries({ queryKey: incidentKeys.timeline(incidentId) });
    timeline = false;
  }, minFlushGapMs);
  return {
    add(withTimeline: boolean) {
      timeline ||= withTimeline;
      scheduler.schedule();
    },
    cancel: scheduler.cancel,
  };
}
