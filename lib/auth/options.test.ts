import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/options";

const base = "http://localhost:3000";

describe("callbackUrl after sign-in", () => {
  it("keeps same-origin paths", () => {
    expect(safeCallbackPath("/settings/users?x=1", base)).toBe(
      "http://localhost:3000/settings/users?x=1",
    );
    expect(safeCallbackPath("http://localhost:3000/incidents", base)).toBe(
      "http://localhost:3000/incidents",
    );
  });

  it("refuses other origins, protocol-relative and scheme tricks", () => {
    for (const url of [
      "https://evil.example/",
      "//evil.example/x",
      "javascript:alert(1)",
      "http://localhost:3001/",
      "http://localhost:3000@evil.example/",
    ]) {
      expect(safeCallbackPath(url, base)).toBe(base);
    }
  });
});
