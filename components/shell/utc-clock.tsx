"use client";

import { useSyncExternalStore } from "react";
import { formatUtcClock, formatUtcDate } from "@/lib/time/format";

function subscribe(onTick: () => void) {
  const id = setInterval(onTick, 1_000);
  return () => clearInterval(id);
}

const currentMinute = () => Math.floor(Date.now() / 60_000);

export function UtcClock() {
  const minute = useSyncExternalStore(subscribe, currentMinute, () => null);
  const now = minute === null ? null : new Date(minute * 60_000);
  return (
    <time
      dateTime={now?.toISOString()}
      title={now ? `${formatUtcDate(now)} UTC` : undefined}
      aria-label={now ? `UTC time ${formatUtcClock(now)}` : "UTC time"}
      className="font-mono text-xs text-muted tabular-nums"
    >
      {now ? formatUtcClock(now) : "--:--"} UTC
    </time>
  );
}
