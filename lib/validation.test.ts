import { describe, expect, it } from "vitest";
import { isUuid } from "@/lib/validation";

describe("isUuid", () => {
  it("accepts a uuid in either case and nothing else", () => {
    expect(isUuid("0b7e2f6a-3c1d-4e5f-8a9b-0c1d2e3f4a5b")).toBe(true);
    expect(isUuid("0B7E2F6A-3C1D-4E5F-8A9B-0C1D2E3F4A5B")).toBe(true);
    expect(isUuid("INC-12")).toBe(false);
    expect(isUuid("0b7e2f6a-3c1d-4e5f-8a9b-0c1d2e3f4a5b ")).toBe(false);
    expect(isUuid("")).toBe(false);
  });
});
