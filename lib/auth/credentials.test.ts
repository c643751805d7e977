import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/credentials";
import { makeUser, testPassword, uniqueEmail } from "@/lib/testing/fixtures";
import { setUserDisabled } from "@/lib/users/data";

describe("password sign-in", () => {
  it("signs in with the right password, case-insensitively on the email", async () => {
    const user = await makeUser("responder");
    const result = await signInWithPassword({ email: user.email.toUpperCase(), password: testPassword }, null);
    expect(result).toMatchObject({ ok: true, actor: { id: user.id, role: "responder" }, sessionVersion: user.sessionVersion });
  });

  it("gives one answer for an unknown email, a wrong password and a disabled account", async () => {
    const user = await makeUser("viewer");
    const disabled = await makeUser("viewer", "disabled");
    await setUserDisabled({ id: null, label: "vitest" }, { userId: disabled.id, disabled: true });
    const answers = await Promise.all([
      signInWithPassword({ email: uniqueEmail("nobody"), password: testPassword }, null),
      signInWithPassword({ email: user.email, password: "wrong password here" }, null),
      signInWithPassword({ email: disabled.email, password: testPassword }, null),
    ]);
    expect(answers).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
  });

  it("stops checking passwords once the account is throttled, even the right one", async () => {
    const user = await makeUser("viewer", "throttled");
    for (let attempt = 0; attempt < 20; attempt++) await signInWithPassword({ email: user.email, password: "wrong password here" }, null);
    await expect(signInWithPassword({ email: user.email, password: testPassword }, null)).resolves.toEqual({ ok: false, reason: "throttled" });
  });
});
