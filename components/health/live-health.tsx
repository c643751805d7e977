"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useMemo, type ReactNode } from "react";
import {
  createFlushScheduler,
  pollingIntervalMs,
  useEventStream,
  type LiveState,
} from "@/components/live/event-stream";
import { LiveStateIndicator } from "@/components/live/live-state-indicator";
import { healthKeys } from "@/lib/health/query-keys";

export { pollingIntervalMs, type LiveState };

// Invalidations are coalesced so a burst of results costs one refetch per query, not one per event.
const minFlushGapMs = 1_000;
const streamEvents = ["health"] as const;

const LiveContext = createContext<LiveState>("connecting");

/** The services a health event names; null means "everything may have changed". */
function serviceIdsOf(data: string): string[] | null {
  try {
    const parsed = JSON.parse(data) as { serviceIds?: unknown; all?: unknown };
    if (parsed.all === true || !Array.isArray(parsed.serviceIds)) return null;
    return parsed.serviceIds.filter((id): id is string => typeof id === "string");
  } catch {
    return null;
  }
}

/**
 * Listens on the event stream and invalidates the health queries each event names. Every reconnect
 * refetches all health queries, so nothing missed while disconnected stays stale.
 */
function useLiveHealthStream(): LiveState {
  const queryClient = useQueryClient();
  const pending = useMemo(() => createHealthInvalidator(queryClient), [queryClient]);
  useEffect(() => pending.cancel, [pending]);

  return useEventStream(streamEvents, {
    onEvent: (_name, data) => pending.add(serviceIdsOf(data)),
    onResync: () => pending.add(null),
  });
}

/** Collects the services events name and invalidates their queries in one coalesced flush. */
function createHealthInvalidator(queryClient: QueryClient) {
  const ids = new Set<string>();
  let everything = false;
  // A refetch already in flight may have started before the change was written, so it is restarted.
  const invalidate = (queryKey: readonly unknown[]) => queryClient.invalidateQueries({ queryKey });
  const scheduler = createFlushScheduler(() => {
    if (everything) {
      void invalidate(healthKeys.all);
    } else {
      void invalidate(healthKeys.summaries());
      for (const id of ids) void invalidate(healthKeys.service(id));
    }
    everything = false;
    ids.clear();
  }, minFlushGapMs);
  return {
    add(serviceIds: string[] | null) {
      if (serviceIds === null) everything = true;
      else for (const id of serviceIds) ids.add(id);
      scheduler.schedule();
    },
    cancel: scheduler.cancel,
  };
}

export function LiveHealthProvider({ children }: { children: ReactNode }) {
  const state = useLiveHealthStream();
  return <LiveContext value={state}>{children}</LiveContext>;
}

export function useLiveState(): LiveState {
  return useContext(LiveContext);
}

/** Queries poll only while the stream is down. */
export function useHealthRefetchInterval(): number | false {
  return useLiveState() === "live" ? false : pollingIntervalMs;
}

export function LiveIndicator() {
  return <LiveStateIndicator state={useLiveState()} />;
}
