/** Results missing for this many intervals mean the last status can no longer be trusted. */
export const staleAfterIntervals = 3;

/** True when no result was stored for three intervals: the poller, the writer or the database is not keeping up. */
export function isResultStale(
  lastScheduledAtMs: number | null,
  intervalSeconds: number,
  nowMs: number,
): boolean {
  if (lastScheduledAtMs === null) return false;
  return nowMs - lastScheduledAtMs > staleAfterIntervals * intervalSeconds * 1_000;
}

/** "7 min", "45 s", "3 h": how long results have been missing. */
export function formatMissingFor(ms: number): string {
  if (ms < 120_000) return `${Math.max(1, Math.round(ms / 1_000))} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** The reason a tile shows while its results are missing; the last stored answer stays visible as context. */
export function staleReason(
  lastScheduledAtMs: number,
  nowMs: number,
  last: { status: string | null; reason: string | null },
): string {
  const previous = last.status
    ? `; the last one stored said ${last.status}${last.reason ? `: ${last.reason}` : ""}`
    : "";
  return `no result stored for ${formatMissingFor(nowMs - lastScheduledAtMs)} (checks are not running or their results cannot be stored)${previous}`;
}
