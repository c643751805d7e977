"use client";

import { useEffect, useRef, useState } from "react";

export type LiveState = "connecting" | "live" | "reconnecting";

export const pollingIntervalMs = 15_000;
const pollingSeconds = pollingIntervalMs / 1000;
const streamPath = "/api/v1/stream";
const maxBackoffMs = 30_000;
// The server pings every 20 s; a connection silent for longer than this is dead even if the socket looks open.
const silenceLimitMs = 45_000;

export type StreamHandlers = {
  /** Named events of the stream (`health`, `incident`) with their raw data. */
  onEvent: (name: string, data: string) => void;
  /** After a reconnect: anything may have changed while the stream was down. */
  onResync: () => void;
};

/**
 * Opens the server-sent event stream and reconnects with exponential backoff. The handlers are read
 * through a ref, so a page passes fresh closures on every render without reopening the connection.
 */
export function useEventStream(eventNames: readonly string[], handlers: StreamHandlers): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });
  const namesKey = eventNames.join(",");

  useEffect(() => {
    let source: EventSource | null = null;
    let attempt = 0;
    let opened = false;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;

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
        if (opened) handlersRef.current.onResync();
        opened = true;
        attempt = 0;
        setState("live");
      });
      current.addEventListener("ping", heardFromServer);
      for (const name of namesKey.split(",").filter(Boolean)) {
        current.addEventListener(name, (event) => {
          heardFromServer();
          handlersRef.current.onEvent(name, (event as MessageEvent<string>).data);
        });
      }
      // Our own backoff instead of the browser's fixed retry, which never backs off.
      current.addEventListener("error", reconnect);
    }

    connect();
    return () => {
      clearTimeout(reconnectTimer);
      clearTimeout(silenceTimer);
      source?.close();
    };
  }, [namesKey]);

  return state;
}

/** Runs `flush` at most once per `minGapMs`, so a burst of events costs one refetch, not one per event. */
export function createFlushScheduler(flush: () => void, minGapMs: number): { schedule: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = 0;
  return {
    schedule() {
      if (timer !== undefined) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          lastFlush = Date.now();
          flush();
        },
        Math.max(0, lastFlush + minGapMs - Date.now()),
      );
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

export function LiveStateIndicator({ state }: { state: LiveState }) {
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
