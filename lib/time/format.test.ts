import { describe, expect, it } from "vitest";
import {
  formatUtcClock,
  formatUtcDate,
  formatUtcDateTime,
  formatUtcTime,
  formatUtcWeekdayTime,
} from "@/lib/time/format";

describe("UTC formatting", () => {
  const at = "2026-11-27T23:41:05.123Z";

  it("shows the UTC date, clock, time and date-time, whatever the machine's zone", () => {
    expect(formatUtcDate(at)).toBe("2026-11-27");
    expect(formatUtcClock(at)).toBe("23:41");
    expect(formatUtcClock(at, { seconds: true })).toBe("23:41:05");
    expect(formatUtcTime(new Date(at))).toBe("23:41 UTC");
    expect(formatUtcTime(at, { seconds: true })).toBe("23:41:05 UTC");
    expect(formatUtcDateTime(at)).toBe("2026-11-27 23:41 UTC");
    expect(formatUtcDateTime(at, { seconds: true })).toBe("2026-11-27 23:41:05 UTC");
  });

  it("names the UTC weekday and time", () => {
    expect(formatUtcWeekdayTime(new Date("2026-12-13T23:05:00Z"))).toBe("Sun 23:05 UTC");
    expect(formatUtcWeekdayTime("2026-11-27T14:00:00Z")).toBe("Fri 14:00 UTC");
  });

  it("shows text that is not a time as it was given", () => {
    expect(formatUtcDateTime("soon")).toBe("soon");
    expect(formatUtcTime("soon")).toBe("soon");
    expect(formatUtcDate("soon")).toBe("soon");
  });
});
