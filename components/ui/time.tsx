"use client";

import { formatUtcDateTime } from "@/lib/time/format";
import { useHydrated } from "@/components/ui/use-hydrated";

export function Time({ iso, className = "" }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  const local = hydrated
    ? `${new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })} (your time)`
    : undefined;
  return (
    <time dateTime={iso} title={local} className={`whitespace-nowrap tabular-nums ${className}`}>
      {formatUtcDateTime(iso)}
    </time>
  );
}
