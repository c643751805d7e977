import { describe, expect, it } from "vitest";
import type { HandoffScheduleView } from "@/lib/handoffs/types";
import { defaultHandoffWindow, previousShiftChange } from "@/lib/handoffs/window";

const daily: HandoffScheduleView = {
  cadence: "daily",
  hourUtc: 9,
  minuteUtc: 0,
  weekday: 1,
  version: 1,
};
const weeklyMonday: HandoffScheduleView = {
  cadence: "weekly",
  hourUtc: 9,
  minuteUtc: 0,
  weekday: 1,
  version: 1,
};

function windowAt(schedule: HandoffScheduleView, now: string): [string, string] {
  const { start, end } = defaultHandoffWindow(schedule, new Date(now));
  return [start.toISOString(), end.toISOString()];
}

describe("defaultHandoffWindow, daily at 09:00 UTC", () => {
  it("written ahead at 08:50, covers the shift starting at 09:00 today until 09:00 tomorrow", () => {
    expect(windowAt(daily, "2026-11-28T08:50:00Z")).toEqual([
      "2026-11-28T09:00:00.000Z",
      "2026-11-29T09:00:00.000Z",
    ]);
  });

  it("written late at 09:20, still covers the shift that started at 09:00 today", () => {
    expect(windowAt(daily, "2026-11-28T09:20:00Z")).toEqual([
      "2026-11-28T09:00:00.000Z",
      "2026-11-29T09:00:00.000Z",
    ]);
  });

  it("at the change itself, starts then; in the evening, the next morning's change is nearer", () => {
    expect(windowAt(daily, "2026-11-28T09:00:00Z")).toEqual([
      "2026-11-28T09:00:00.000Z",
      "2026-11-29T09:00:00.000Z",
    ]);
    expect(windowAt(daily, "2026-11-28T20:59:00Z")).toEqual([
      "2026-11-28T09:00:00.000Z",
      "2026-11-29T09:00:00.000Z",
    ]);
    expect(windowAt(daily, "2026-11-28T21:01:00Z")).toEqual([
      "2026-11-29T09:00:00.000Z",
      "2026-11-30T09:00:00.000Z",
    ]);
    // Exactly halfway, the handoff is taken to be written ahead.
    expect(windowAt(daily, "2026-11-28T21:00:00Z")).toEqual([
      "2026-11-29T09:00:00.000Z",
      "2026-11-30T09:00:00.000Z",
    ]);
  });

  it("honours the minutes of the change", () => {
    expect(windowAt({ ...daily, hourUtc: 17, minuteUtc: 30 }, "2026-11-28T17:10:00Z")).toEqual([
      "2026-11-28T17:30:00.000Z",
      "2026-11-29T17:30:00.000Z",
    ]);
  });

  it("crosses month and year boundaries", () => {
    expect(windowAt(daily, "2026-11-30T08:55:00Z")).toEqual([
      "2026-11-30T09:00:00.000Z",
      "2026-12-01T09:00:00.000Z",
    ]);
    expect(windowAt(daily, "2026-12-31T23:30:00Z")).toEqual([
      "2027-01-01T09:00:00.000Z",
      "2027-01-02T09:00:00.000Z",
    ]);
    expect(windowAt(daily, "2027-01-01T02:00:00Z")).toEqual([
      "2027-01-01T09:00:00.000Z",
      "2027-01-02T09:00:00.000Z",
    ]);
    expect(windowAt({ ...daily, hourUtc: 23, minuteUtc: 0 }, "2027-01-01T00:30:00Z")).toEqual([
      "2026-12-31T23:00:00.000Z",
      "2027-01-01T23:00:00.000Z",
    ]);
    expect(windowAt(daily, "2028-02-28T12:00:00Z")).toEqual([
      "2028-02-28T09:00:00.000Z",
      "2028-02-29T09:00:00.000Z",
    ]);
  });
});

describe("defaultHandoffWindow, weekly on Monday at 09:00 UTC", () => {
  it("on Monday morning before the change, covers the week starting that Monday", () => {
    // 2026-11-30 is a Monday.
    expect(windowAt(weeklyMonday, "2026-11-30T08:40:00Z")).toEqual([
      "2026-11-30T09:00:00.000Z",
      "2026-12-07T09:00:00.000Z",
    ]);
  });

  it("on Friday, the coming Monday is nearer; on Tuesday, the Monday just gone", () => {
    expect(windowAt(weeklyMonday, "2026-11-27T16:00:00Z")).toEqual([
      "2026-11-30T09:00:00.000Z",
      "2026-12-07T09:00:00.000Z",
    ]);
    expect(windowAt(weeklyMonday, "2026-12-01T10:00:00Z")).toEqual([
      "2026-11-30T09:00:00.000Z",
      "2026-12-07T09:00:00.000Z",
    ]);
  });

  it("crosses a year boundary", () => {
    // 2026-12-28 and 2027-01-04 are Mondays.
    expect(windowAt(weeklyMonday, "2027-01-02T12:00:00Z")).toEqual([
      "2027-01-04T09:00:00.000Z",
      "2027-01-11T09:00:00.000Z",
    ]);
    expect(windowAt(weeklyMonday, "2026-12-30T12:00:00Z")).toEqual([
      "2026-12-28T09:00:00.000Z",
      "2027-01-04T09:00:00.000Z",
    ]);
  });

  it("works for a Sunday change too", () => {
    expect(
      previousShiftChange(
        { ...weeklyMonday, weekday: 0 },
        new Date("2026-11-28T12:00:00Z"),
      ).toISOString(),
    ).toBe("2026-11-22T09:00:00.000Z");
    expect(windowAt({ ...weeklyMonday, weekday: 0 }, "2026-11-28T12:00:00Z")).toEqual([
      "2026-11-29T09:00:00.000Z",
      "2026-12-06T09:00:00.000Z",
    ]);
  });
});
