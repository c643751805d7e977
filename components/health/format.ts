import type { BadgeTone } from "@/components/ui/badge";
import { humanDuration } from "@/lib/time/duration";
import { formatUtcDate, formatUtcDateTime, formatUtcTime } from "@/lib/time/format";
import type { AlertState, HealthStatus, KeyFigures, ServiceTile } from "@/lib/health/types";
import { isResultStale } from "@/lib/health/staleness";

export type TileStatus = HealthStatus | "unknown";

export const statusWords: Record<TileStatus, string> = {
  up: "Up",
  degraded: "Degraded",
  down: "Down",
  unknown: "Unknown",
};
export const statusTones: Record<TileStatus, BadgeTone> = {
  up: "up",
  degraded: "degraded",
  down: "down",
  unknown: "neutral",
};
/** The coloured edge of a tile or row; the word is always shown beside it. */
export const statusEdge: Record<TileStatus, string> = {
  up: "border-l-up",
  degraded: "border-l-degraded",
  down: "border-l-down",
  unknown: "border-l-line",
};

export const alertStateWords: Record<AlertState, string> = {
  ok: "OK",
  failing: "Failing",
  alerting: "Alerting",
  recovering: "Recovering",
};

/** 230 ms, 1.2 s, 3 s, 14 s. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1_000;
  const text = seconds < 10 ? seconds.toFixed(1) : seconds.toFixed(0);
  return `${text.replace(/\.0$/, "")} s`;
}

/** Truncated, never rounded up: 99.9996 % shows as 99.999 %, not 100 %. */
export function formatUptime(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return "—";
  if (ratio >= 1) return "100%";
  const percent = ratio * 100;
  const decimals = percent >= 99.9 ? 3 : 2;
  const factor = 10 ** decimals;
  return `${(Math.floor(percent * factor) / factor).toFixed(decimals)}%`;
}

export type LatencyVerdict = "none" | "within" | "over" | "far-over";

/** Over the SLO is amber; over twice the SLO is red. */
export function latencyVerdict(ms: number | null, sloMs: number): LatencyVerdict {
  if (ms === null) return "none";
  if (ms > 2 * sloMs) return "far-over";
  if (ms > sloMs) return "over";
  return "within";
}

export const latencyVerdictClasses: Record<LatencyVerdict, string> = {
  none: "text-muted",
  within: "",
  over: "font-semibold text-degraded",
  "far-over": "font-semibold text-down",
};

/** "12 s ago", "4 min ago", "3 h ago", "2 d ago". */
export function formatAgo(iso: string, nowMs: number): string {
  const seconds = Math.floor((nowMs - Date.parse(iso)) / 1_000);
  if (!Number.isFinite(seconds)) return "—";
  if (seconds < 1) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

export function formatFigure(value: KeyFigures[string]): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** Key figures as the probe reported them, in a stable order: key/value text only. */
export function figureEntries(figures: KeyFigures, limit = 8): Array<[string, string]> {
  return Object.entries(figures)
    .slice(0, limit)
    .map(([key, value]) => [key, formatFigure(value)]);
}

/** A check is overdue when nothing was recorded for three intervals (the server then reports the tile unknown). */
export function isOverdue(
  lastCheckedAt: string | null,
  intervalSeconds: number,
  nowMs: number,
): boolean {
  return isResultStale(
    lastCheckedAt === null ? null : Date.parse(lastCheckedAt),
    intervalSeconds,
    nowMs,
  );
}

/** "v6.1.0" for a semantic version, anything else as reported. */
export function versionLabel(version: string): string {
  return /^\d/.test(version) ? `v${version}` : version;
}

/** "down for 4 min", "degraded for 2 h 5 min": how long the current status has held. */
export function statusForWords(
  status: TileStatus,
  statusSince: string | null,
  nowMs: number,
): string | null {
  if (statusSince === null || (status !== "down" && status !== "degraded")) return null;
  const since = Date.parse(statusSince);
  if (!Number.isFinite(since)) return null;
  return `${statusWords[status].toLowerCase()} for ${humanDuration(nowMs - since)}`;
}

/** "next check in 8 s", counting down to the next scheduled check; "next check due now" once it is late. */
export function nextCheckWords(nextCheckAt: string | null, nowMs: number): string | null {
  if (nextCheckAt === null) return null;
  const due = Date.parse(nextCheckAt);
  if (!Number.isFinite(due)) return null;
  return due - nowMs < 1_000 ? "next check due now" : `next check in ${humanDuration(due - nowMs)}`;
}

/** "02:58 UTC" today, "2026-11-27 02:58 UTC" on another day: the time figures were last read. */
export function seenAtWords(iso: string, nowMs: number): string {
  const sameDay = formatUtcDate(iso) === formatUtcDate(new Date(nowMs));
  return sameDay ? formatUtcTime(iso) : formatUtcDateTime(iso);
}

/** A down or unknown tile whose figures were read before its newest check: they are history, not now. */
export function figuresAreOld(
  tile: Pick<ServiceTile, "status" | "figuresAt" | "lastCheckedAt">,
): boolean {
  if (tile.status !== "down" && tile.status !== "unknown") return false;
  if (tile.figuresAt === null || tile.lastCheckedAt === null) return false;
  return Date.parse(tile.figuresAt) < Date.parse(tile.lastCheckedAt);
}

/** When the figures of a tile were read, if they are old (see figuresAreOld); null while they are current. */
export function oldFiguresAt(
  tile: Pick<ServiceTile, "status" | "figuresAt" | "lastCheckedAt">,
): string | null {
  return tile.figuresAt !== null && figuresAreOld(tile) ? tile.figuresAt : null;
}

export type UptimeEntry = { label: string; ratio: number | null; coverage: string | null };

const uptimeWindows = [
  { key: "day", label: "24 h", ms: 86_400_000 },
  { key: "week", label: "7 d", ms: 7 * 86_400_000 },
  { key: "month", label: "30 d", ms: 30 * 86_400_000 },
] as const;

/**
 * Uptime per window, honest about young services: a window that started before the first check covers only
 * the data there is ("30 d: 99.1% of 20 min of data"), and every such window holds the same checks, so only
 * the largest of them is shown.
 */
export function uptimeEntries(
  tile: Pick<ServiceTile, "uptime" | "firstCheckedAt">,
  nowMs: number,
): UptimeEntry[] {
  const first = tile.firstCheckedAt === null ? null : Date.parse(tile.firstCheckedAt);
  const covered = first === null || !Number.isFinite(first) ? null : Math.max(0, nowMs - first);
  const full = uptimeWindows.filter((window) => covered === null || covered >= window.ms);
  const partial = uptimeWindows.filter((window) => covered !== null && covered < window.ms);
  const entries: UptimeEntry[] = full.map((window) => ({
    label: window.label,
    ratio: tile.uptime[window.key],
    coverage: null,
  }));
  const largest = partial.at(-1);
  if (largest && covered !== null) {
    const ratio =
      [...partial]
        .reverse()
        .map((window) => tile.uptime[window.key])
        .find((value) => value !== null) ?? null;
    entries.push({ label: largest.label, ratio, coverage: `of ${humanDuration(covered)} of data` });
  }
  return entries;
}

/** "62 %", "4.5 %", "0.3 %": a share of the error budget, never rounded up to a whole budget. */
function budgetPercent(ratio: number): string {
  // Snapped first: 1 - 0.025 / 0.001 is -23.999999999999996 in floating point, not -24.
  const percent = Number((ratio * 100).toFixed(6));
  if (Math.abs(percent) >= 10) return `${Math.trunc(percent)} %`;
  return `${(Math.trunc(percent * 10) / 10).toFixed(1).replace(/\.0$/, "")} %`;
}

/** "budget 62 % left", or "budget spent" (with how far over) once it is gone. */
export function budgetWords(budgetRemaining: number | null): string | null {
  if (budgetRemaining === null || !Number.isFinite(budgetRemaining)) return null;
  if (budgetRemaining > 0) return `budget ${budgetPercent(budgetRemaining)} left`;
  return budgetRemaining < 0
    ? `budget spent (${budgetPercent(-budgetRemaining)} over)`
    : "budget spent";
}

/** "99.9 %" for an SLO stored as 0.999. */
export function formatSlo(target: number): string {
  return `${Number((target * 100).toFixed(4))} %`;
}

/** The service form edits the availability SLO as a percentage ("99.9"); the service stores the fraction (0.999). */
export function sloFractionFromPercent(text: string): string {
  const trimmed = text.trim().replace(/\s*%$/, "").replace(",", ".");
  if (trimmed === "" || !/^\d+(\.\d+)?$/.test(trimmed)) return trimmed;
  return String(Number((Number(trimmed) / 100).toFixed(8)));
}

export function sloPercentFromFraction(fraction: number): string {
  return String(Number((fraction * 100).toFixed(6)));
}
