import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("environment", () => {
  it("applies defaults", () => {
    const env = parseEnv({});
    expect(env.VIGIL_DATA_DIR).toBe(".vigil");
    expect(env.PORT).toBe(3000);
    expect(env.VIGIL_TRUST_PROXY).toBe(false);
  });

  it("names every bad variable", () => {
    expect(() =>
      parseEnv({ DATABASE_URL: "not a url", PORT: "99999", VIGIL_ADMIN_PASSWORD: "short" }),
    ).toThrow(
      /DATABASE_URL[\s\S]*VIGIL_ADMIN_PASSWORD[\s\S]*PORT|DATABASE_URL[\s\S]*PORT[\s\S]*VIGIL_ADMIN_PASSWORD/,
    );
  });
});
