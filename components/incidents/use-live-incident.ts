"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import {
  fetchTimelinePage,
  hasUnansweredWrites,
  type IncidentDetail,
} from "@/components/incidents/incident-api";
import {
  hasEntry,
  mergeFirstPage,
  type TimelinePages,
} from "@/components/incidents/timeline-cache";
import {
  createFlushScheduler,
  useEventStream,
  type LiveState,
} from "@/components/live/event-stream";
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

function entryIdsOf(event: Record<string, unknown>): string[] | null {
  const { entryIds } = event;
  return Array.isArray(entryIds) &&
    entryIds.length > 0 &&
    entryIds.every((id) => typeof id === "string")
    ? entryIds
    : null;
}

/**
 * Keeps one incident's queries fresh from the event stream. An event naming only entries this tab already shows
 * (its own write, answered before the event is handled) costs nothing; another timeline entry costs one read of
 * the timeline's first page; a change to the incident itself also rereads the incident; a health change of an
 * affected service rereads the incident (its failing checks feed the runbook hints). Events come from every
 * instance (Postgres NOTIFY), so everyone viewing sees them.
 */
export function useLiveIncident(incidentId: string): LiveState {
  const queryClient = useQueryClient();

  const pending = useMemo(
    () => createIncidentRefresher(queryClient, incidentId),
    [queryClient, incidentId],
  );
  useEffect(() => pending.cancel, [pending]);

  return useEventStream(streamEvents, {
    onEvent(name, data) {
      const event = parse(data);
      if (!event) return;
      if (name === "incident") {
        if (event.incidentId === incidentId)
          pending.add({
            incident: event.what !== "timeline",
            timeline: "first",
            entryIds: entryIdsOf(event),
          });
        return;
      }
      const named = Array.isArray(event.serviceIds) ? event.serviceIds.map(String) : [];
      const affected =
        queryClient.getQueryData<IncidentDetail>(incidentKeys.detail(incidentId))?.incident
          .services ?? [];
      if (event.all === true || affected.some((service) => named.includes(service.id)))
        pending.add({ incident: true, timeline: "none", entryIds: null });
    },
    onResync: () => pending.add({ incident: true, timeline: "all", entryIds: null }),
  });
}

/** `timeline: "none"` is a health change: the incident is reread whatever it names. */
type Change = { incident: boolean; timeline: "none" | "first" | "all"; entryIds: string[] | null };

/** Rereads the timeline's first page only, over the pages already loaded. */
export async function refetchFirstTimelinePage(
  queryClient: QueryClient,
  incidentId: string,
): Promise<void> {
  const timelineKey = incidentKeys.timeline(incidentId);
  try {
    const fresh = await fetchTimelinePage(incidentId, null);
    queryClient.setQueryData<TimelinePages>(timelineKey, (old) => mergeFirstPage(old, fresh));
  } catch {
    // The query's own refetch shows the failure where the page shows refresh errors.
    void queryClient.invalidateQueries({ queryKey: timelineKey });
  }
}

/** Coalesces events into at most one read of the incident and one of the timeline, and waits for this tab's own writes to be answered first. */
function createIncidentRefresher(queryClient: QueryClient, incidentId: string) {
  const timelineKey = incidentKeys.timeline(incidentId);
  let incident = false;
  let timeline: Change["timeline"] = "none";
  let unknownEntries = false;
  let rereadIncident = false;
  const namedEntries = new Set<string>();

  const scheduler = createFlushScheduler(() => {
    if (hasUnansweredWrites(incidentId)) return scheduler.schedule();
    const shown = queryClient.getQueryData<TimelinePages>(timelineKey);
    const news = unknownEntries || [...namedEntries].some((entryId) => !hasEntry(shown, entryId));
    if (rereadIncident || (incident && news))
      void queryClient.invalidateQueries({ queryKey: incidentKeys.detail(incidentId) });
    if (timeline === "all") void queryClient.invalidateQueries({ queryKey: timelineKey });
    else if (timeline === "first" && news) void refetchFirstTimelinePage(queryClient, incidentId);
    incident = false;
    timeline = "none";
    unknownEntries = false;
    rereadIncident = false;
    namedEntries.clear();
  }, minFlushGapMs);

  return {
    add(change: Change) {
      incident ||= change.incident;
      if (change.timeline === "all") timeline = "all";
      else if (change.timeline === "first" && timeline === "none") timeline = "first";
      if (change.timeline === "none") rereadIncident = true;
      else if (change.entryIds) for (const entryId of change.entryIds) namedEntries.add(entryId);
      else unknownEntries = true;
      scheduler.schedule();
    },
    cancel: scheduler.cancel,
  };
}
