import { describe, expect, it } from "vitest";
import { zonelessAsUtc } from "@/lib/time/zoneless";

describe("zonelessAsUtc", () => {
  it("reads a date and time without a zone as UTC, whatever the machine's zone", () => {
    expect(new Date(zonelessAsUtc("2026-12-08T10:00") as string).toISOString()).toBe(
      "2026-12-08T10:00:00.000Z",
    );
    expect(new Date(zonelessAsUtc("2026-12-08 10:00:30") as string).toISOString()).toBe(
      "2026-12-08T10:00:30.000Z",
    );
    expect(new Date(zonelessAsUtc(" 2026-12-08T10:00:30.250 ") as string).toISOString()).toBe(
      "2026-12-08T10:00:30.250Z",
    );
  });

  it("leaves times with a zone, dates alone and other values as they came", () => {
    expect(zonelessAsUtc("2026-12-08T10:00:00+05:45")).toBe("2026-12-08T10:00:00+05:45");
    expect(zonelessAsUtc("2026-12-08T10:00Z")).toBe("2026-12-08T10:00Z");
    expect(zonelessAsUtc("2026-12-08")).toBe("2026-12-08");
    expect(zonelessAsUtc("next tuesday")).toBe("next tuesday");
    expect(zonelessAsUtc(undefined)).toBeUndefined();
    const date = new Date(0);
    expect(zonelessAsUtc(date)).toBe(date);
  });
});
