"use client";

import { useEffect, useRef, useState } from "react";

export type LiveState = "connecting" | "live" | "reconnecting";

export const pollingIntervalMs = 15_000;
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

type StreamListener = {
  names: readonly string[];
  handlers: { current: StreamHandlers };
  setState: (state: LiveState) => void;
};

/**
 * One EventSource per tab, shared by every component that listens (the overview's tiles, the page alerts in the
 * shell, an incident's timeline): each would otherwise hold its own connection, and browsers allow only a few per
 * host. It opens with the first listener, closes with the last, and reconnects with our own exponential backoff.
 */
const shared = {
  listeners: new Set<StreamListener>(),
  source: null as EventSource | null,
  boundNames: new Set<string>(),
  state: "connecting" as LiveState,
  attempt: 0,
  opened: false,
  reconnectTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  silenceTimer: undefined as ReturnType<typeof setTimeout> | undefined,
};

function setSharedState(state: LiveState): void {
  shared.state = state;
  for (const listener of shared.listeners) listener.setState(state);
}

function heardFromServer(): void {
  clearTimeout(shared.silenceTimer);
  shared.silenceTimer = setTimeout(reconnect, silenceLimitMs);
}

function bindEvent(name: string): void {
  const source = shared.source;
  if (!source || shared.boundNames.has(name)) return;
  shared.boundNames.add(name);
  source.addEventListener(name, (event) => {
    heardFromServer();
    const data = (event as MessageEvent<string>).data;
    for (const listener of shared.listeners)
      if (listener.names.includes(name)) listener.handlers.current.onEvent(name, data);
  });
}

function reconnect(): void {
  clearTimeout(shared.silenceTimer);
  shared.source?.close();
  shared.source = null;
  setSharedState("reconnecting");
  const delay = Math.min(maxBackoffMs, 1_000 * 2 ** shared.attempt) * (0.5 + Math.random() / 2);
  shared.attempt += 1;
  shared.reconnectTimer = setTimeout(connect, delay);
}

function connect(): void {
  shared.reconnectTimer = undefined;
  if (typeof EventSource === "undefined" || shared.listeners.size === 0) return;
  const current = new EventSource(streamPath);
  shared.source = current;
  shared.boundNames.clear();
  heardFromServer();
  current.addEventListener("open", () => {
    heardFromServer();
    if (shared.opened)
      for (const listener of shared.listeners) listener.handlers.current.onResync();
    shared.opened = true;
    shared.attempt = 0;
    setSharedState("live");
  });
  current.addEventListener("ping", heardFromServer);
  for (const listener of shared.listeners) for (const name of listener.names) bindEvent(name);
  // Our own backoff instead of the browser's fixed retry, which never backs off.
  current.addEventListener("error", reconnect);
}

function subscribe(listener: StreamListener): () => void {
  shared.listeners.add(listener);
  listener.setState(shared.state);
  if (!shared.source && shared.reconnectTimer === undefined) connect();
  else for (const name of listener.names) bindEvent(name);
  return () => {
    shared.listeners.delete(listener);
    if (shared.listeners.size > 0) return;
    clearTimeout(shared.reconnectTimer);
    clearTimeout(shared.silenceTimer);
    shared.reconnectTimer = undefined;
    shared.source?.close();
    shared.source = null;
    shared.opened = false;
    shared.attempt = 0;
    shared.state = "connecting";
  };
}

/**
 * Listens to named events of the server-sent event stream (the tab's one shared connection). The handlers are read
 * through a ref, so a page passes fresh closures on every render without resubscribing.
 */
export function useEventStream(eventNames: readonly string[], handlers: StreamHandlers): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });
  const namesKey = eventNames.join(",");

  useEffect(
    () =>
      subscribe({ names: namesKey.split(",").filter(Boolean), handlers: handlersRef, setState }),
    [namesKey],
  );

  return state;
}

/** Runs `flush` at most once per `minGapMs`, so a burst of events costs one refetch, not one per event. */
export function createFlushScheduler(
  flush: () => void,
  minGapMs: number,
): { schedule: () => void; cancel: () => void } {
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
