import { histogramPercentile, latencyBucketBoundsMs } from "@/lib/health/histogram";
import type { BurnRates } from "@/lib/health/types";

/**
 * The SRE workbook's multi-window burn-rate alerts for a 30-day SLO: a fast burn spends 2 % of the budget
 * in an hour (page), a slow burn 5 % in six hours (warning). The short window makes an alert end soon
 * after the burning stops.
 */
export const burnRules = {
  fast: { rate: 14.4, longMs: 3_600_000, shortMs: 5 * 60_000, level: "page" },
  slow: { rate: 6, longMs: 6 * 3_600_000, shortMs: 30 * 60_000, level: "warning" },
} as const;

/** Checks and failed checks in one window: "failed" is down; degraded still serves users. */
export type WindowCount = { total: number; down: number };
export type BurnWindows = {
  fastLong: WindowCount;
  fastShort: WindowCount;
  slowLong: WindowCount;
  slowShort: WindowCount;
};

export function burnRate(window: WindowCount, slo: number): number | null {
  if (window.total === 0) return null;
  const allowed = 1 - slo;
  return allowed <= 0 ? null : window.down / window.total / allowed;
}

export function burnRatesOf(windows: BurnWindows, slo: number, at: Date): BurnRates {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  return {
    fastLong: round(burnRate(windows.fastLong, slo)),
    fastShort: round(burnRate(windows.fastShort, slo)),
    slowLong: round(burnRate(windows.slowLong, slo)),
    slowShort: round(burnRate(windows.slowShort, slo)),
    at: at.toISOString(),
  };
}

/**
 * Both windows over the rate, at least `minFailures` failed checks in the long one (a single failed check
 * of a service checked hourly is 100 % errors in any window, and is the down rule's business), and data
 * covering at least half of the long window.
 */
export function isBurning(
  kind: keyof typeof burnRules,
  windows: BurnWindows,
  slo: number,
  minFailures: number,
  coveredMs: number,
): boolean {
  const rule = burnRules[kind];
  // A service younger than half the long window has too little history for a rate over it to mean much.
  if (coveredMs < rule.longMs / 2) return false;
  const long = kind === "fast" ? windows.fastLong : windows.slowLong;
  const short = kind === "fast" ? windows.fastShort : windows.slowShort;
  const longRate = burnRate(long, slo);
  const shortRate = burnRate(short, slo);
  return (
    long.down >= minFailures &&
    longRate !== null &&
    shortRate !== null &&
    longRate >= rule.rate &&
    shortRate >= rule.rate
  );
}

/**
 * What is left of the error budget over the SLO window: 1 = untouched, 0 = spent, negative = overspent. The
 * budget is the window's allowed downtime (0.1 % of 30 days is 43 min); a window not yet full has spent only
 * the share of it its checks cover: 3 failed checks of a service watched for 40 s spent 30 s, not 75 %.
 */
export function budgetRemaining(window: WindowCount, slo: number, coveredShare = 1): number | null {
  if (window.total === 0) return null;
  const allowed = 1 - slo;
  return allowed <= 0
    ? null
    : 1 - ((window.down / window.total) * Math.min(1, Math.max(0, coveredShare))) / allowed;
}

/** Samples in histogram buckets that reach above the SLO (an over-estimate inside the bucket that holds the SLO). */
function samplesOver(histogram: number[], sloMs: number): number {
  return histogram.reduce(
    (sum, count, index) =>
      (latencyBucketBoundsMs[index] ?? Number.POSITIVE_INFINITY) > sloMs ? sum + count : sum,
    0,
  );
}

/**
 * The latency SLO judged on a window: the p95 of the window's stored histograms over the SLO, with at
 * least two answers over it, so that a single outlier among a few samples never flips the verdict.
 */
export function judgeLatencyWindow(
  window: { histogram: number[]; maxMs: number },
  sloMs: number,
): { p95Ms: number | null; breached: boolean } {
  const p95Ms = window.histogram.length
    ? histogramPercentile(window.histogram, 0.95, window.maxMs)
    : null;
  return {
    p95Ms,
    breached: p95Ms !== null && p95Ms > sloMs && samplesOver(window.histogram, sloMs) >= 2,
  };
}

export function formatBurn(rate: number | null): string {
  return rate === null ? "no data" : `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)}x`;
}
