import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, scrubSecret, secretHint } from "@/lib/board/crypto";
import { decodeSecretKey, parseEnv } from "@/lib/env";

describe("board secret crypto", () => {
  const key = randomBytes(32);

  it("round-trips, with a fresh IV each time and no plaintext in the sealed text", () => {
    const secret = "hm_live_0123456789abcdef";
    const first = encryptSecret(secret, key);
    const second = encryptSecret(secret, key);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(decryptSecret(first, key)).toBe(secret);
    expect(decryptSecret(second, key)).toBe(secret);
  });

  it("refuses a wrong key or tampered text (GCM authentication)", () => {
    const sealed = encryptSecret("hm_live_0123456789abcdef", key);
    expect(decryptSecret(sealed, randomBytes(32))).toBeNull();
    const parts = sealed.split(":");
    const tampered = [
      parts[0],
      parts[1],
      parts[2],
      Buffer.from("not the ciphertext").toString("base64"),
    ].join(":");
    expect(decryptSecret(tampered, key)).toBeNull();
    expect(decryptSecret("plain text", key)).toBeNull();
  });

  it("hints with the last four characters and scrubs every occurrence", () => {
    expect(secretHint("hm_live_0123456789a1b2")).toBe("…a1b2");
    expect(scrubSecret("bad key hm_secret_x1 (Bearer hm_secret_x1)", "hm_secret_x1")).toBe(
      "bad key [redacted key] (Bearer [redacted key])",
    );
    expect(scrubSecret("nothing", null)).toBe("nothing");
  });

  it("decodes VIGIL_SECRET_KEY as 64 hex digits or base64 of 32 bytes, nothing else", () => {
    const bytes = randomBytes(32);
    expect(decodeSecretKey(bytes.toString("hex"))?.equals(bytes)).toBe(true);
    expect(decodeSecretKey(bytes.toString("base64"))?.equals(bytes)).toBe(true);
    expect(decodeSecretKey(randomBytes(16).toString("base64"))).toBeNull();
    expect(decodeSecretKey("not a key at all!")).toBeNull();
  });

  it("refuses a malformed VIGIL_SECRET_KEY at startup without echoing it", () => {
    const bad = "definitely-not-32-bytes";
    expect(() => parseEnv({ VIGIL_SECRET_KEY: bad })).toThrow(
      /VIGIL_SECRET_KEY: VIGIL_SECRET_KEY must be 32 bytes/,
    );
    expect(() => parseEnv({ VIGIL_SECRET_KEY: bad })).not.toThrow(new RegExp(bad));
    expect(
      parseEnv({
        VIGIL_SECRET_KEY: randomBytes(32).toString("hex"),
        HOLOMESH_API_KEY: "hm_env_key_123",
      }).HOLOMESH_API_KEY,
    ).toBe("hm_env_key_123");
  });
});
