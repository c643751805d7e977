/**
 * Latency histograms let rollups keep percentiles: minute, hour and day buckets add their counts
 * element by element, and p50/p95/p99 are read back with linear interpolation inside a bucket.
 * Upper bounds in milliseconds; the last bucket is everything slower.
 */
export const latencyBucketBoundsMs = [
  25, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1_000, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000,
  7_500, 10_000, 15_000, 20_000, 30_000, 46_000,
] as const;
export const histogramSize = latencyBucketBoundsMs.length + 1;

export function emptyHistogram(): number[] {
  return new Array<number>(histogramSize).fill(0);
}

export function bucketIndex(latencyMs: number): number {
  const index = latencyBucketBoundsMs.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? latencyBucketBoundsMs.length : index;
}

export function addToHistogram(histogram: number[], latencyMs: number): number[] {
  const next = histogram.length === histogramSize ? [...histogram] : emptyHistogram();
  const index = bucketIndex(latencyMs);
  next[index] = (next[index] ?? 0) + 1;
  return next;
}

export function mergeHistograms(histograms: number[][]): number[] {
  const merged = emptyHistogram();
  for (const histogram of histograms) {
    for (let index = 0; index < histogramSize; index++)
      merged[index] = (merged[index] ?? 0) + (histogram[index] ?? 0);
  }
  return merged;
}

export function histogramPercentile(
  histogram: number[],
  quantile: number,
  maxMs?: number,
): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = quantile * total;
  let cumulative = 0;
  for (let index = 0; index < histogramSize; index++) {
    const count = histogram[index] ?? 0;
    if (count === 0) continue;
    if (cumulative + count >= rank) {
      const lower = index === 0 ? 0 : (latencyBucketBoundsMs[index - 1] ?? 0);
      const upper = latencyBucketBoundsMs[index] ?? Math.max(maxMs ?? lower, lower);
      const within = (rank - cumulative) / count;
      const estimate = Math.round(lower + (upper - lower) * within);
      return maxMs === undefined ? estimate : Math.min(estimate, maxMs);
    }
    cumulative += count;
  }
  return maxMs ?? null;
}

/** Exact percentile of raw samples (nearest rank), for the short windows kept in full. */
export function percentile(values: number[], quantile: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(quantile * sorted.length));
  return sorted[rank - 1] ?? null;
}
