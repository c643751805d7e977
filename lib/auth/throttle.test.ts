import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/credentials";
import { loginLimits, registerLoginAttempt } from "@/lib/auth/throttle";
import { makeUser, testPassword, uniqueEmail } from "@/test/fixtures";

const address = () =>
  `2001:db8:${randomBytes(2).toString("hex")}::${randomBytes(2).toString("hex")}`;
const wrong = "not the password at all";

describe("login throttling", () => {
  it("stops one address guessing one account after 10 tries, the right password included", async () => {
    const user = await makeUser("responder", "pair");
    const attacker = address();
    for (let attempt = 1; attempt <= loginLimits.accountFromAddress.attempts; attempt++) {
      expect(await signInWithPassword({ email: user.email, password: wrong }, attacker)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(
      await signInWithPassword({ email: user.email, password: testPassword }, attacker),
    ).toEqual({ ok: false, reason: "throttled" });
  }, 90_000);

  it("lets the on-call in from their own address while others hammer their account", async () => {
    const onCall = await makeUser("responder", "on-call");
    const attackers = Array.from({ length: 3 }, address);
    for (const attacker of attackers) {
      for (let attempt = 0; attempt <= loginLimits.accountFromAddress.attempts + 2; attempt++) {
        await signInWithPassword({ email: onCall.email, password: wrong }, attacker);
      }
      expect(
        await signInWithPassword({ email: onCall.email, password: testPassword }, attacker),
      ).toEqual({ ok: false, reason: "throttled" });
    }
    expect(
      await signInWithPassword({ email: onCall.email, password: testPassword }, address()),
    ).toMatchObject({ ok: true, actor: { id: onCall.id } });
  }, 90_000);

  it("gives the same answer for an unknown account and a wrong password, throttled the same way", async () => {
    const user = await makeUser("viewer", "same-answer");
    const from = address();
    const unknown = uniqueEmail("nobody");
    expect(await signInWithPassword({ email: unknown, password: wrong }, from)).toEqual(
      await signInWithPassword({ email: user.email, password: wrong }, from),
    );
    for (let attempt = 1; attempt < loginLimits.accountFromAddress.attempts; attempt++) {
      await signInWithPassword({ email: unknown, password: wrong }, from);
      await signInWithPassword({ email: user.email, password: wrong }, from);
    }
    expect(await signInWithPassword({ email: unknown, password: wrong }, from)).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(await signInWithPassword({ email: user.email, password: wrong }, from)).toEqual({
      ok: false,
      reason: "throttled",
    });
  }, 90_000);

  it("limits one address across many accounts to 20 a minute", async () => {
    const from = address();
    for (let attempt = 1; attempt <= loginLimits.address.attempts; attempt++) {
      expect((await registerLoginAttempt(uniqueEmail("spray"), from)).allowed).toBe(true);
    }
    expect((await registerLoginAttempt(uniqueEmail("spray"), from)).allowed).toBe(false);
    expect((await registerLoginAttempt(uniqueEmail("spray"), address())).allowed).toBe(true);
  });

  it("keeps a much higher per-account limit from everywhere as a backstop", async () => {
    expect(loginLimits.account.attempts).toBeGreaterThanOrEqual(
      10 * loginLimits.accountFromAddress.attempts,
    );
    const email = uniqueEmail("backstop");
    const results = [];
    for (let attempt = 1; attempt <= loginLimits.account.attempts; attempt++)
      results.push(await registerLoginAttempt(email, address()));
    expect(results.every((result) => result.allowed)).toBe(true);
    expect((await registerLoginAttempt(email.toUpperCase(), address())).allowed).toBe(false);
  }, 60_000);

  it("counts concurrent attempts exactly", async () => {
    const email = uniqueEmail("race");
    const from = address();
    const results = await Promise.all(
      Array.from({ length: 30 }, () => registerLoginAttempt(email, from)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(
      loginLimits.accountFromAddress.attempts,
    );
  });
});
