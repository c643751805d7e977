"use client";

import { useSyncExternalStore } from "react";

function subscribe(onTick: () => void) {
  const id = setInterval(onTick, 1_000);
  return () => clearInterval(id);
}

const currentMinute = () => Math.floor(Date.now() / 60_000);

export function UtcClock() {
  const minute = useSyncExternalStore(subscribe, currentMinute, () => null);
  const iso = minute === null ? null : new Date(minute * 60_000).toISOString();
  return (
    <time
      dateTime={iso ?? undefined}
      title={iso ? `${iso.slice(0, 10)} UTC` : undefined}
      aria-label={iso ? `UTC time ${iso.slice(11, 16)}` : "UTC time"}
      className="font-mono text-xs tabular-nums text-muted"
    >
      {iso ? iso.slice(11, 16) : "--:--"} UTC
    </time>
  );
}
