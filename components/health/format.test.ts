import { describe, expect, it } from "vitest";
import {
  budgetWords,
  figuresAreOld,
  oldFiguresAt,
  formatSlo,
  nextCheckWords,
  seenAtWords,
  sloFractionFromPercent,
  sloPercentFromFraction,
  statusForWords,
  uptimeEntries,
} from "@/components/health/format";

const now = Date.parse("2026-11-28T03:02:30.000Z");
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

describe("tile words", () => {
  it("says how long a status has held instead of since when", () => {
    expect(statusForWords("down", minutesAgo(4), now)).toBe("down for 4 min");
    expect(statusForWords("degraded", minutesAgo(125), now)).toBe("degraded for 2 h 5 min");
    expect(statusForWords("up", minutesAgo(4), now)).toBeNull();
    expect(statusForWords("down", null, now)).toBeNull();
  });

  it("counts down to the next scheduled check, and says when it is due", () => {
    expect(nextCheckWords(new Date(now + 8_000).toISOString(), now)).toBe("next check in 8 s");
    expect(nextCheckWords(new Date(now + 95_000).toISOString(), now)).toBe("next check in 2 min");
    expect(nextCheckWords(new Date(now - 3_000).toISOString(), now)).toBe("next check due now");
    expect(nextCheckWords(null, now)).toBeNull();
  });

  it("labels figures from before the newest check of a down or unknown tile with their UTC time", () => {
    const tile = {
      status: "down" as const,
      figuresAt: "2026-11-28T02:58:10.000Z",
      lastCheckedAt: "2026-11-28T03:02:00.000Z",
    };
    expect(figuresAreOld(tile)).toBe(true);
    expect(figuresAreOld({ ...tile, status: "unknown" })).toBe(true);
    expect(figuresAreOld({ ...tile, status: "degraded" })).toBe(false);
    expect(figuresAreOld({ ...tile, figuresAt: tile.lastCheckedAt })).toBe(false);
    expect(figuresAreOld({ ...tile, figuresAt: null })).toBe(false);
    expect(oldFiguresAt(tile)).toBe(tile.figuresAt);
    expect(oldFiguresAt({ ...tile, status: "degraded" })).toBeNull();
    expect(seenAtWords(tile.figuresAt, now)).toBe("02:58 UTC");
    expect(seenAtWords("2026-11-27T23:41:00.000Z", now)).toBe("2026-11-27 23:41 UTC");
  });

  it("says how much data a window that is not yet full covers, once, for the largest such window", () => {
    const uptime = { day: 0.991, week: 0.991, month: 0.991 };
    expect(uptimeEntries({ uptime, firstCheckedAt: minutesAgo(20) }, now)).toEqual([
      { label: "30 d", ratio: 0.991, coverage: "of 20 min of data" },
    ]);
    expect(
      uptimeEntries(
        { uptime: { day: 1, week: 0.98, month: 0.98 }, firstCheckedAt: minutesAgo(3 * 24 * 60) },
        now,
      ),
    ).toEqual([
      { label: "24 h", ratio: 1, coverage: null },
      { label: "30 d", ratio: 0.98, coverage: "of 3 d of data" },
    ]);
    expect(
      uptimeEntries({ uptime, firstCheckedAt: minutesAgo(40 * 24 * 60) }, now).map((entry) => [
        entry.label,
        entry.coverage,
      ]),
    ).toEqual([
      ["24 h", null],
      ["7 d", null],
      ["30 d", null],
    ]);
    expect(uptimeEntries({ uptime, firstCheckedAt: null }, now)).toHaveLength(3);
  });

  it("words the error budget left, never rounding a sliver up, and says when it is spent", () => {
    expect(budgetWords(0.624)).toBe("budget 62 % left");
    expect(budgetWords(0.0049)).toBe("budget 0.4 % left");
    expect(budgetWords(0)).toBe("budget spent");
    expect(budgetWords(-0.4)).toBe("budget spent (40 % over)");
    expect(budgetWords(1 - 0.025 / (1 - 0.999))).toBe("budget spent (2400 % over)");
    expect(budgetWords(null)).toBeNull();
  });
});

describe("the availability SLO in the service form", () => {
  it("is typed as a percentage and stored as a fraction, both ways without float noise", () => {
    expect(sloFractionFromPercent("99.9")).toBe("0.999");
    expect(sloFractionFromPercent(" 99.95 % ")).toBe("0.9995");
    expect(sloFractionFromPercent("99,5")).toBe("0.995");
    expect(sloFractionFromPercent("99.999")).toBe("0.99999");
    expect(sloFractionFromPercent("")).toBe("");
    expect(sloFractionFromPercent("abc")).toBe("abc");
    expect(sloPercentFromFraction(0.999)).toBe("99.9");
    expect(sloPercentFromFraction(0.99999)).toBe("99.999");
    expect(formatSlo(0.999)).toBe("99.9 %");
  });
});
