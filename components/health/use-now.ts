"use client";

import { useSyncExternalStore } from "react";

// One shared one-second ticker for every "checked 12 s ago" on the page, however many tiles there are.
let nowSeconds = Math.floor(Date.now() / 1_000);
const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (ticker === undefined) {
    nowSeconds = Math.floor(Date.now() / 1_000);
    ticker = setInterval(() => {
      nowSeconds = Math.floor(Date.now() / 1_000);
      for (const notify of listeners) notify();
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

/**
 * The current time in milliseconds, ticking each second. The server and hydration render use
 * serverNowIso (when the data was read), so the first paint already says "12 s ago" without a mismatch.
 */
export function useNow(serverNowIso: string): number {
  const seconds = useSyncExternalStore(
    subscribe,
    () => nowSeconds,
    () => Math.floor(Date.parse(serverNowIso) / 1_000),
  );
  return seconds * 1_000;
}
