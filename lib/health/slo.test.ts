import { describe, expect, it } from "vitest";
import { budgetRemaining, burnRate, isBurning, judgeLatencyWindow } from "@/lib/health/slo";
import { addToHistogram, emptyHistogram } from "@/lib/health/histogram";

const windows = (
  fastLong: [number, number],
  fastShort: [number, number],
  slowLong: [number, number] = [1000, 0],
  slowShort: [number, number] = [100, 0],
) => ({
  fastLong: { total: fastLong[0], down: fastLong[1] },
  fastShort: { total: fastShort[0], down: fastShort[1] },
  slowLong: { total: slowLong[0], down: slowLong[1] },
  slowShort: { total: slowShort[0], down: slowShort[1] },
});

describe("error budget and burn rates", () => {
  it("measure the burn as the error ratio over what the SLO allows", () => {
    expect(burnRate({ total: 1000, down: 1 }, 0.999)).toBeCloseTo(1, 5);
    expect(burnRate({ total: 0, down: 0 }, 0.999)).toBeNull();
  });

  it("page on a fast burn only when both windows burn, with history and enough failures", () => {
    const hour = 3_600_000;
    expect(isBurning("fast", windows([120, 2], [10, 1]), 0.999, 2, hour)).toBe(true);
    expect(isBurning("fast", windows([120, 2], [10, 0]), 0.999, 2, hour)).toBe(false);
    expect(isBurning("fast", windows([120, 1], [10, 1]), 0.999, 2, hour)).toBe(false);
    expect(isBurning("fast", windows([120, 2], [10, 1]), 0.999, 2, hour / 4)).toBe(false);
  });

  it("count the budget of a window that is not yet full by the time it covers", () => {
    expect(budgetRemaining({ total: 1000, down: 0 }, 0.999)).toBe(1);
    expect(budgetRemaining({ total: 1000, down: 2 }, 0.999)).toBeCloseTo(-1, 5);
    // 3 of 4 checks failed in the first 40 s of a 30-day window: 30 s of the 43 min allowed.
    const covered = 40_000 / (30 * 86_400_000);
    expect(budgetRemaining({ total: 4, down: 3 }, 0.999, covered)).toBeCloseTo(
      1 - 30 / (43.2 * 60),
      3,
    );
  });

  it("judge latency on the window's p95, never on a single outlier", () => {
    let histogram = emptyHistogram();
    for (let index = 0; index < 9; index++) histogram = addToHistogram(histogram, 55);
    const oneSlow = addToHistogram(histogram, 3_506);
    expect(judgeLatencyWindow({ histogram: oneSlow, maxMs: 3_506 }, 3_000).breached).toBe(false);
    const twoSlow = addToHistogram(oneSlow, 3_506);
    expect(judgeLatencyWindow({ histogram: twoSlow, maxMs: 3_506 }, 3_000)).toEqual({
      p95Ms: 3_506,
      breached: true,
    });
  });
});
