import { describe, expect, it } from "vitest";

describe("the test time zone", () => {
  it("is Asia/Kathmandu (UTC+05:45), so code that forgets the zone fails", () => {
    // Kathmandu has been at +05:45 since 1986 (it was +05:30 before), so the check uses a recent instant.
    const newYear = new Date("2026-01-01T00:00:00Z");
    expect(newYear.getTimezoneOffset()).toBe(-345);
    expect([newYear.getHours(), newYear.getMinutes()]).toEqual([5, 45]);
  });
});
