import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { actorFromCookies, authSecret, parseCookieHeader, resolveSessionActor, sessionTokenFromCookies } from "@/lib/auth/session";
import { makeUser } from "@/lib/testing/fixtures";
import { changeOwnPassword, resetUserPassword, setUserDisabled, setUserRole } from "@/lib/users/data";
import { testPassword } from "@/lib/testing/fixtures";

const admin = { id: null, label: "vitest" };

async function claimsFor(user: { id: string; sessionVersion: number }) {
  return { sub: user.id, sv: user.sessionVersion };
}

describe("sessions", () => {
  it("resolve to the user while the session version is current", async () => {
    const user = await makeUser("lead");
    await expect(resolveSessionActor(await claimsFor(user))).resolves.toMatchObject({ id: user.id, role: "lead" });
  });

  it("end on role change, password reset, own password change and disable", async () => {
    const changes: Array<(userId: string, email: string) => Promise<unknown>> = [
      (userId) => setUserRole(admin, { userId, role: "responder" }),
      (userId) => resetUserPassword(admin, { userId }),
      (userId, email) =>
        changeOwnPassword({ id: userId, email, name: "x", role: "viewer" }, { currentPassword: testPassword, newPassword: "a brand new password", confirmPassword: "a brand new password" }),
      (userId) => setUserDisabled(admin, { userId, disabled: true }),
    ];
    for (const change of changes) {
      const user = await makeUser("viewer");
      const claims = await claimsFor(user);
      await expect(resolveSessionActor(claims)).resolves.not.toBeNull();
      await change(user.id, user.email);
      await expect(resolveSessionActor(claims)).resolves.toBeNull();
    }
  });

  it("refuse claims without a user or version", async () => {
    await expect(resolveSessionActor(null)).resolves.toBeNull();
    await expect(resolveSessionActor({ sub: "00000000-0000-0000-0000-000000000000", sv: 1 })).resolves.toBeNull();
    const user = await makeUser();
    await expect(resolveSessionActor({ sub: user.id })).resolves.toBeNull();
  });

  it("read a real next-auth cookie, whole or in chunks, and ignore a forged one", async () => {
    const user = await makeUser("admin");
    const token = await encode({ token: await claimsFor(user), secret: authSecret() });
    const whole = parseCookieHeader(`other=1; next-auth.session-token=${token}`);
    await expect(actorFromCookies(whole)).resolves.toMatchObject({ id: user.id });
    const half = Math.floor(token.length / 2);
    const chunked = parseCookieHeader(`next-auth.session-token.0=${token.slice(0, half)}; next-auth.session-token.1=${token.slice(half)}`);
    expect(sessionTokenFromCookies(chunked)).toBe(token);
    const forged = await encode({ token: await claimsFor(user), secret: "some other secret entirely" });
    await expect(actorFromCookies(parseCookieHeader(`next-auth.session-token=${forged}`))).resolves.toBeNull();
  });
});
