import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/credentials";
import { makeUser, testPassword, uniqueEmail } from "@/test/fixtures";
import { setUserDisabled } from "@/lib/users/data";

const address = () => `198.51.100.${randomBytes(1)[0]}`;

describe("password sign-in", () => {
  it("signs in with the right password, case-insensitively on the email", async () => {
    const user = await makeUser("responder");
    const result = await signInWithPassword(
      { email: user.email.toUpperCase(), password: testPassword },
      address(),
    );
    expect(result).toMatchObject({
      ok: true,
      actor: { id: user.id, role: "responder" },
      sessionVersion: user.sessionVersion,
    });
  });

  it("gives one answer for an unknown email, a wrong password and a disabled account", async () => {
    const user = await makeUser("viewer");
    const disabled = await makeUser("viewer", "disabled");
    await setUserDisabled({ id: null, label: "vitest" }, { userId: disabled.id, disabled: true });
    const answers = await Promise.all([
      signInWithPassword({ email: uniqueEmail("nobody"), password: testPassword }, address()),
      signInWithPassword({ email: user.email, password: "wrong password here" }, address()),
      signInWithPassword({ email: disabled.email, password: testPassword }, address()),
    ]);
    expect(answers).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
  });

  it("stops checking passwords from an address once it is throttled for that account, even the right one", async () => {
    const user = await makeUser("viewer", "throttled");
    const from = `2001:db8::${randomBytes(2).toString("hex")}`;
    for (let attempt = 0; attempt < 20; attempt++)
      await signInWithPassword({ email: user.email, password: "wrong password here" }, from);
    await expect(
      signInWithPassword({ email: user.email, password: testPassword }, from),
    ).resolves.toEqual({ ok: false, reason: "throttled" });
  });
});
