import { describe, expect, it } from "vitest";
import {
  businessDaysUntil,
  businessDeadline,
  describeDueIn,
  isValidTimeZone,
} from "@/lib/time/business-days";

const utc = { timeZone: "UTC", holidays: [] };
const newYork = { timeZone: "America/New_York", holidays: [] };
const berlin = { timeZone: "Europe/Berlin", holidays: [] };

describe("businessDeadline", () => {
  it("ends on the same weekday a week later when it starts mid-week", () => {
    expect(businessDeadline(new Date("2026-11-25T14:00:00Z"), 5, utc).toISOString()).toBe(
      "2026-12-02T23:59:59.999Z",
    );
  });

  it("from a Friday evening or a weekend day ends on the following Friday", () => {
    expect(businessDeadline(new Date("2026-11-27T21:30:00Z"), 5, utc).toISOString()).toBe(
      "2026-12-04T23:59:59.999Z",
    );
    expect(businessDeadline(new Date("2026-11-28T03:00:00Z"), 5, utc).toISOString()).toBe(
      "2026-12-04T23:59:59.999Z",
    );
    expect(businessDeadline(new Date("2026-11-29T23:00:00Z"), 5, utc).toISOString()).toBe(
      "2026-12-04T23:59:59.999Z",
    );
  });

  it("skips the team's holidays", () => {
    const withHolidays = { timeZone: "UTC", holidays: ["2026-12-24", "2026-12-25"] };
    // Monday 2026-12-21 + 5 business days: Tue 22, Wed 23, (Thu 24, Fri 25 off), Mon 28, Tue 29, Wed 30.
    expect(businessDeadline(new Date("2026-12-21T10:00:00Z"), 5, withHolidays).toISOString()).toBe(
      "2026-12-30T23:59:59.999Z",
    );
  });

  it("counts days in the team's time zone: a Friday late in New York is already Saturday in UTC", () => {
    // 2026-11-27 23:30 in New York (EST, UTC-5) is a Friday there.
    const resolved = new Date("2026-11-28T04:30:00Z");
    expect(businessDeadline(resolved, 5, newYork).toISOString()).toBe("2026-12-05T04:59:59.999Z");
    expect(businessDeadline(resolved, 5, utc).toISOString()).toBe("2026-12-04T23:59:59.999Z");
  });

  it("ends at local midnight across a daylight-saving change", () => {
    // Thursday 2026-03-05 in New York (EST); clocks go forward on Sunday 2026-03-08; due Thursday 2026-03-12 (EDT, UTC-4).
    expect(businessDeadline(new Date("2026-03-05T15:00:00Z"), 5, newYork).toISOString()).toBe(
      "2026-03-13T03:59:59.999Z",
    );
    // Berlin falls back on Sunday 2026-10-25: Thursday 22 (CEST) + 5 = Thursday 29 (CET, UTC+1).
    expect(businessDeadline(new Date("2026-10-22T09:00:00Z"), 5, berlin).toISOString()).toBe(
      "2026-10-29T22:59:59.999Z",
    );
  });

  it("a resolution just before or just after midnight in the team's zone lands on different days", () => {
    // 23:59 Thursday in Berlin (CET) vs 00:01 Friday.
    expect(businessDeadline(new Date("2026-11-26T22:59:00Z"), 5, berlin).toISOString()).toBe(
      "2026-12-03T22:59:59.999Z",
    );
    expect(businessDeadline(new Date("2026-11-26T23:01:00Z"), 5, berlin).toISOString()).toBe(
      "2026-12-04T22:59:59.999Z",
    );
  });
});

describe("businessDaysUntil and describeDueIn", () => {
  const due = new Date("2026-12-04T23:59:59.999Z"); // a Friday

  it("counts the business days left, the due day being 0", () => {
    expect(businessDaysUntil(new Date("2026-11-30T09:00:00Z"), due, utc)).toBe(4);
    expect(businessDaysUntil(new Date("2026-11-28T09:00:00Z"), due, utc)).toBe(5);
    expect(businessDaysUntil(new Date("2026-12-04T09:00:00Z"), due, utc)).toBe(0);
  });

  it("is negative once the deadline passed, at least one business day", () => {
    expect(businessDaysUntil(new Date("2026-12-05T10:00:00Z"), due, utc)).toBe(-1);
    expect(businessDaysUntil(new Date("2026-12-08T10:00:00Z"), due, utc)).toBe(-2);
  });

  it("reads as people say it", () => {
    expect(describeDueIn(3)).toBe("due in 3 business days");
    expect(describeDueIn(1)).toBe("due in 1 business day");
    expect(describeDueIn(0)).toBe("due today");
    expect(describeDueIn(-1)).toBe("overdue by 1 business day");
  });

  it("knows real time zones from made-up ones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
