"use client";

import { pollingIntervalMs, type LiveState } from "@/components/live/event-stream";

// Apart from the stream: the shell holds the stream on every page, only the live pages show its state.
const pollingSeconds = pollingIntervalMs / 1000;

export function LiveStateIndicator({ state }: { state: LiveState }) {
  const label =
    state === "live"
      ? "Live"
      : state === "connecting"
        ? `Connecting… polling every ${pollingSeconds} s meanwhile`
        : `Reconnecting… polling every ${pollingSeconds} s`;
  return (
    <span
      data-testid="live-indicator"
      data-state={state}
      role="status"
      className="inline-flex items-center gap-1.5 text-xs text-muted"
    >
      <span
        aria-hidden="true"
        className={`inline-block size-2 rounded-full ${state === "live" ? "bg-up" : state === "connecting" ? "bg-muted" : "bg-degraded"}`}
      />
      {label}
    </span>
  );
}
