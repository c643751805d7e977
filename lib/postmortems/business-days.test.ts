import { describe, expect, it } from "vitest";
import { addBusinessDays } from "@/lib/postmortems/business-days";

describe("addBusinessDays", () => {
  it("ends on the same weekday a week later when it starts mid-week", () => {
    expect(addBusinessDays(new Date("2026-11-25T14:00:00Z"), 5).toISOString()).toBe("2026-12-02T23:59:59.999Z");
  });
  it("from a Friday or a weekend day ends on the following Friday", () => {
    expect(addBusinessDays(new Date("2026-11-27T09:30:00Z"), 5).toISOString()).toBe("2026-12-04T23:59:59.999Z");
    expect(addBusinessDays(new Date("2026-11-28T03:00:00Z"), 5).toISOString()).toBe("2026-12-04T23:59:59.999Z");
    expect(addBusinessDays(new Date("2026-11-29T23:00:00Z"), 5).toISOString()).toBe("2026-12-04T23:59:59.999Z");
  });
  it("one business day after a Friday is Monday", () => {
    expect(addBusinessDays(new Date("2026-11-27T23:30:00Z"), 1).toISOString()).toBe("2026-11-30T23:59:59.999Z");
  });
  it("zero days is the end of the same day", () => {
    expect(addBusinessDays(new Date("2026-11-26T09:30:00Z"), 0).toISOString()).toBe("2026-11-26T23:59:59.999Z");
  });
});
