import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import {
  actorFromCookies,
  authSecret,
  endSession,
  parseCookieHeader,
  resolveSessionActor,
  sessionTokenFromCookies,
  startSession,
} from "@/lib/auth/session";
import { db } from "@/lib/db";
import { makeUser } from "@/test/fixtures";
import {
  changeOwnPassword,
  resetUserPassword,
  setUserDisabled,
  setUserRole,
} from "@/lib/users/data";
import { testPassword } from "@/test/fixtures";

const admin = { id: null, label: "vitest" };

async function claimsFor(user: { id: string; sessionVersion: number }) {
  return { sub: user.id, sv: user.sessionVersion, sid: await startSession(user.id) };
}

describe("sessions", () => {
  it("resolve to the user while the session version is current", async () => {
    const user = await makeUser("lead");
    await expect(resolveSessionActor(await claimsFor(user))).resolves.toMatchObject({
      id: user.id,
      role: "lead",
    });
  });

  it("end on role change, password reset, own password change and disable", async () => {
    const changes: Array<(userId: string, email: string) => Promise<unknown>> = [
      (userId) => setUserRole(admin, { userId, role: "responder" }),
      (userId) => resetUserPassword(admin, { userId }),
      (userId, email) =>
        changeOwnPassword(
          { id: userId, email, name: "x", role: "viewer" },
          {
            currentPassword: testPassword,
            newPassword: "a brand new password",
            confirmPassword: "a brand new password",
          },
        ),
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

  it("refuse claims without a user, version or session record", async () => {
    await expect(resolveSessionActor(null)).resolves.toBeNull();
    await expect(
      resolveSessionActor({ sub: "00000000-0000-0000-0000-000000000000", sv: 1 }),
    ).resolves.toBeNull();
    const user = await makeUser();
    const claims = await claimsFor(user);
    await expect(resolveSessionActor({ sub: user.id, sid: claims.sid })).resolves.toBeNull();
    await expect(
      resolveSessionActor({ sub: user.id, sv: user.sessionVersion }),
    ).resolves.toBeNull();
    await expect(
      resolveSessionActor({ ...claims, sid: "00000000-0000-4000-8000-000000000000" }),
    ).resolves.toBeNull();
    await expect(resolveSessionActor({ ...claims, sid: "not a uuid" })).resolves.toBeNull();
    const someoneElse = await makeUser();
    await expect(
      resolveSessionActor({ ...claims, sub: someoneElse.id, sv: someoneElse.sessionVersion }),
    ).resolves.toBeNull();
  });

  it("end when signed out, and only that one: the user's other sessions keep working", async () => {
    const user = await makeUser("responder");
    const laptop = await claimsFor(user);
    const phone = await claimsFor(user);
    await endSession(laptop.sid);
    await expect(resolveSessionActor(laptop)).resolves.toBeNull();
    await expect(resolveSessionActor(phone)).resolves.toMatchObject({ id: user.id });
  });

  it("end when their record expires, and long-expired records are removed at the next sign-in", async () => {
    const user = await makeUser();
    const claims = await claimsFor(user);
    await db.userSession.update({
      where: { id: claims.sid },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(resolveSessionActor(claims)).resolves.toBeNull();
    await db.userSession.update({
      where: { id: claims.sid },
      data: { expiresAt: new Date(Date.now() - 2 * 86_400_000) },
    });
    const next = await startSession(user.id);
    expect(
      (await db.userSession.findMany({ where: { userId: user.id } })).map((session) => session.id),
    ).toEqual([next]);
  });

  it("read a real next-auth cookie, whole or in chunks, and ignore a forged one", async () => {
    const user = await makeUser("admin");
    const token = await encode({ token: await claimsFor(user), secret: authSecret() });
    const whole = parseCookieHeader(`other=1; next-auth.session-token=${token}`);
    await expect(actorFromCookies(whole)).resolves.toMatchObject({ id: user.id });
    const half = Math.floor(token.length / 2);
    const chunked = parseCookieHeader(
      `next-auth.session-token.0=${token.slice(0, half)}; next-auth.session-token.1=${token.slice(half)}`,
    );
    expect(sessionTokenFromCookies(chunked)).toBe(token);
    const forged = await encode({
      token: await claimsFor(user),
      secret: "some other secret entirely",
    });
    await expect(
      actorFromCookies(parseCookieHeader(`next-auth.session-token=${forged}`)),
    ).resolves.toBeNull();
  });
});
