import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loginLimit, registerLoginAttempt } from "@/lib/auth/throttle";
import { uniqueEmail } from "@/lib/testing/fixtures";

const address = () => `198.51.100.${randomBytes(1)[0]}-${randomBytes(3).toString("hex")}`;

describe("login throttling", () => {
  it("allows 20 attempts a minute per account, then refuses", async () => {
    const email = uniqueEmail("throttle");
    for (let attempt = 1; attempt <= loginLimit.attempts; attempt++) {
      expect((await registerLoginAttempt(email, address())).allowed).toBe(true);
    }
    expect((await registerLoginAttempt(email, address())).allowed).toBe(false);
    expect((await registerLoginAttempt(email.toUpperCase(), address())).allowed).toBe(false);
    expect((await registerLoginAttempt(uniqueEmail("other"), address())).allowed).toBe(true);
  });

  it("limits one address across many accounts", async () => {
    const from = address();
    for (let attempt = 1; attempt <= loginLimit.attempts; attempt++) {
      expect((await registerLoginAttempt(uniqueEmail("spray"), from)).allowed).toBe(true);
    }
    expect((await registerLoginAttempt(uniqueEmail("spray"), from)).allowed).toBe(false);
  });

  it("counts concurrent attempts exactly", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(Array.from({ length: 30 }, () => registerLoginAttempt(email, null)));
    expect(results.filter((result) => result.allowed)).toHaveLength(loginLimit.attempts);
  });
});
