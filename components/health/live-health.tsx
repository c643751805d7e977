"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { healthKeys } from "@/lib/health/query-keys";

export type LiveState = "connecting" | "live" | "reconnecting";

export const pollingIntervalMs = 15_000;
const pollingSeconds = pollingIntervalMs / 1000;
const streamPath = "/api/v1/stream";
const maxBackoffMs = 30_000;
// The server pings every 20 s; a connection silent for longer than this is dead even if the socket looks open.
const silenceLimitMs = 45_000;
// Invalidations are coalesced so a burst of results costs one refetch per query, not one per event.
const minFlushGapMs = 1_000;

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
 * Opens the health event stream, invalidates the health queries it names, and reconnects with
 * exponential backoff. Every reconnect refetches all health queries, so nothing missed while
 * disconnected stays stale.
 */
function useLiveHealthStream(): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let attempt = 0;
    let opened = false;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let lastFlush = 0;
    let everything = false;
    const pendingIds = new Set<string>();

    // A refetch already in flight may have started before the change was written, so it is restarted.
    const invalidate = (queryKey: readonly unknown[]) => queryClient.invalidateQueries({ queryKey });

    const flush = () => {
      flushTimer = undefined;
      lastFlush = Date.now();
      if (everything) {
        void invalidate(healthKeys.all);
      } else {
        void invalidate(healthKeys.summaries());
        for (const id of pendingIds) void invalidate(healthKeys.service(id));
      }
      everything = false;
      pendingIds.clear();
    };

    const scheduleFlush = () => {
      if (flushTimer !== undefined) return;
      flushTimer = setTimeout(flush, Math.max(0, lastFlush + minFlushGapMs - Date.now()));
    };

    const reconnect = () => {
      clearTimeout(silenceTimer);
      source?.close();
      source = null;
      setState("reconnecting");
      const delay = Math.min(maxBackoffMs, 1_000 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      reconnectTimer = setTimeout(connect, delay);
    };

    const heardFromServer = () => {
      clearTimeout(silenceTimer);
      silenceTimer = setTimeout(reconnect, silenceLimitMs);
    };

    function connect() {
      if (typeof EventSource === "undefined") return;
      const current = new EventSource(streamPath);
      source = current;
      heardFromServer();
      current.addEventListener("open", () => {
        heardFromServer();
        if (opened) {
          everything = true;
          scheduleFlush();
        }
        opened = true;
        attempt = 0;
        setState("live");
      });
      current.addEventListener("ping", heardFromServer);
      current.addEventListener("health", (event) => {
        heardFromServer();
        const ids = serviceIdsOf((event as MessageEvent<string>).data);
        if (ids === null) everything = true;
        else for (const id of ids) pendingIds.add(id);
        scheduleFlush();
      });
      // Our own backoff instead of the browser's fixed retry, which never backs off.
      current.addEventListener("error", reconnect);
    }

    connect();
    return () => {
      clearTimeout(reconnectTimer);
      clearTimeout(silenceTimer);
      clearTimeout(flushTimer);
      source?.close();
    };
  }, [queryClient]);

  return state;
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
  const state = useLiveState();
  const label =
    state === "live" ? "Live" : state === "connecting" ? `Connecting… polling every ${pollingSeconds} s meanwhile` : `Reconnecting… polling every ${pollingSeconds} s`;
  return (
    <span data-testid="live-indicator" data-state={state} role="status" className="inline-flex items-center gap-1.5 text-xs text-muted">
      <span
        aria-hidden="true"
        className={`inline-block size-2 rounded-full ${state === "live" ? "bg-up" : state === "connecting" ? "bg-muted" : "bg-degraded"}`}
      />
      {label}
    </span>
  );
}
