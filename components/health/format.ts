import type { BadgeTone } from "@/components/ui/badge";
import type { AlertState, HealthStatus, KeyFigures } from "@/lib/health/schema";
import { isResultStale } from "@/lib/health/staleness";

export type TileStatus = HealthStatus | "unknown";

export const statusWords: Record<TileStatus, string> = { up: "Up", degraded: "Degraded", down: "Down", unknown: "Unknown" };
export const statusTones: Record<TileStatus, BadgeTone> = { up: "up", degraded: "degraded", down: "down", unknown: "neutral" };
/** The coloured edge of a tile or row; the word is always shown beside it. */
export const statusEdge: Record<TileStatus, string> = {
  up: "border-l-up",
  degraded: "border-l-degraded",
  down: "border-l-down",
  unknown: "border-l-line",
};

export const alertStateWords: Record<AlertState, string> = { ok: "OK", failing: "Failing", alerting: "Alerting", recovering: "Recovering" };

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

export function isHttpUrl(value: string | undefined | null): value is string {
  if (!value || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}

/** A check is overdue when nothing was recorded for three intervals (the server then reports the tile unknown). */
export function isOverdue(lastCheckedAt: string | null, intervalSeconds: number, nowMs: number): boolean {
  return isResultStale(lastCheckedAt === null ? null : Date.parse(lastCheckedAt), intervalSeconds, nowMs);
}

/** "v6.1.0" for a semantic version, anything else as reported. */
export function versionLabel(version: string): string {
  return /^\d/.test(version) ? `v${version}` : version;
}
