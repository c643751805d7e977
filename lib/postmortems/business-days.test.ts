import { describe, expect, it } from "vitest";
import { addBusinessDays } from "@/lib/postmortems/business-days";

describe("addBusinessDays", () => {
  it("skips the weekend", () => {
    // Wednesday 2026-11-25 + 5 business days = Wednesday 2026-12-02
    expect(addBusinessDays(new Date("2026-11-25T14:00:00Z"), 5).toISOString()).toBe("2026-12-02T14:00:00.000Z");
  });
  it("counts from Monday when it starts on a weekend", () => {
    expect(addBusinessDays(new Date("2026-11-28T03:00:00Z"), 5).toISOString()).toBe("2026-12-04T03:00:00.000Z");
    expect(addBusinessDays(new Date("2026-11-29T23:00:00Z"), 1).toISOString()).toBe("2026-12-01T23:00:00.000Z");
  });
  it("from a Friday lands on the next Friday", () => {
    expect(addBusinessDays(new Date("2026-11-27T09:30:00Z"), 5).toISOString()).toBe("2026-12-04T09:30:00.000Z");
  });
  it("zero days is the same moment on a weekday", () => {
    expect(addBusinessDays(new Date("2026-11-26T09:30:00Z"), 0).toISOString()).toBe("2026-11-26T09:30:00.000Z");
  });
});
