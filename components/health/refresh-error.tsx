"use client";

import { Time } from "@/components/ui/time";

/** Shown when a live refresh failed: the page keeps the last good data and says how old it is. */
export function RefreshError({ error, dataAtIso }: { error: Error | null; dataAtIso: string }) {
  if (!error) return null;
  return (
    <div
      role="status"
      data-testid="refresh-error"
      className="rounded-md border border-degraded/50 bg-degraded-bg px-3 py-2 text-sm text-degraded"
    >
      <span className="font-semibold">Could not refresh:</span> {error.message} Showing data from{" "}
      <Time iso={dataAtIso} />.
    </div>
  );
}
