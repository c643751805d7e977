import { describe, expect, it } from "vitest";
import {
  addToHistogram,
  bucketIndex,
  emptyHistogram,
  histogramPercentile,
  mergeHistograms,
  percentile,
} from "@/lib/health/histogram";

describe("latency histograms", () => {
  it("put samples in the right bucket, with the overflow bucket last", () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(25)).toBe(0);
    expect(bucketIndex(26)).toBe(1);
    expect(bucketIndex(3_000)).toBe(bucketIndex(2_999));
    expect(bucketIndex(99_999)).toBe(emptyHistogram().length - 1);
  });

  it("estimate percentiles within one bucket of the exact value", () => {
    const samples = Array.from({ length: 1000 }, (_, index) => 40 + ((index * 37) % 2_960));
    const histogram = samples.reduce(addToHistogram, emptyHistogram());
    for (const quantile of [0.5, 0.95, 0.99]) {
      const exact = percentile(samples, quantile) as number;
      const estimate = histogramPercentile(histogram, quantile) as number;
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(500);
    }
  });

  it("merge by adding counts and never report more than the maximum seen", () => {
    const a = [10, 20].reduce(addToHistogram, emptyHistogram());
    const b = [60_000].reduce(addToHistogram, emptyHistogram());
    const merged = mergeHistograms([a, b]);
    expect(merged.reduce((sum, count) => sum + count, 0)).toBe(3);
    const p99 = histogramPercentile(merged, 0.99, 60_000) as number;
    expect(p99).toBeGreaterThan(46_000);
    expect(p99).toBeLessThanOrEqual(60_000);
    expect(histogramPercentile(merged, 1, 50_000)).toBe(50_000);
    expect(histogramPercentile(emptyHistogram(), 0.5)).toBeNull();
  });

  it("nearest-rank percentile of raw samples", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(percentile([5], 0.5)).toBe(5);
    expect(percentile([], 0.5)).toBeNull();
  });
});
