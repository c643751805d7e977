import { describe, expect, it } from "vitest";
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from "@/lib/tokens/secret";

describe("API token secrets", () => {
  it("have a visible prefix and a hash that is not the secret", () => {
    const { secret, prefix } = generateTokenSecret();
    expect(secret.startsWith(`${prefix}_`)).toBe(true);
    expect(looksLikeTokenSecret(secret)).toBe(true);
    expect(hashTokenSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTokenSecret(secret)).toBe(hashTokenSecret(secret));
    expect(hashTokenSecret(secret)).not.toContain(secret.slice(13));
  });

  it("rejects values of the wrong shape before any lookup", () => {
    expect(looksLikeTokenSecret("vgl_short")).toBe(false);
    expect(looksLikeTokenSecret("Bearer vgl_abcdefgh_x")).toBe(false);
  });
});
