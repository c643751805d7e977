"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { formatUtcDateTime } from "@/lib/time/format";

/** Like <Time/>, to the second: checks run every few seconds, so minutes alone would repeat. */
export function PreciseTime({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  const local = hydrated
    ? `${date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })} (your time)`
    : undefined;
  return (
    <time dateTime={iso} title={local} className="whitespace-nowrap tabular-nums">
      {formatUtcDateTime(date, { seconds: true })}
    </time>
  );
}
