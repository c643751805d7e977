import "server-only";
import { decode } from "next-auth/jwt";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { toActor } from "@/lib/users/data";
import { isUuid } from "@/lib/validation";

export const sessionMaxAgeSeconds = 12 * 60 * 60;
// Ended and expired session records stay a day, for anyone reading the table after an incident.
const expiredSessionKeptMs = 24 * 60 * 60 * 1000;
export const sessionCookieNames = [
  "__Secure-next-auth.session-token",
  "next-auth.session-token",
] as const;

export type SessionClaims = { sub?: string; sv?: number; sid?: string };

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret)
    throw new Error("NEXTAUTH_SECRET is not set. `npm start` creates one in the data folder.");
  return secret;
}

/** Reads the session cookie (next-auth splits a large one into .0, .1 … chunks). */
export function sessionTokenFromCookies(cookies: ReadonlyMap<string, string>): string | null {
  for (const name of sessionCookieNames) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let index = 0; cookies.has(`${name}.${index}`); index++)
      chunks.push(cookies.get(`${name}.${index}`) ?? "");
    if (chunks.length > 0) return chunks.join("");
  }
  return null;
}

export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    const raw = part.slice(separator + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

export async function decodeSessionToken(token: string): Promise<SessionClaims | null> {
  try {
    return (await decode({ token, secret: authSecret() })) as SessionClaims | null;
  } catch {
    return null;
  }
}

/** Records a new signed-in session; its id goes into the session cookie. The user's long-expired ones go. */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  const session = await db.userSession.create({
    data: { userId, expiresAt: new Date(now.getTime() + sessionMaxAgeSeconds * 1000) },
    select: { id: true },
  });
  await db.userSession.deleteMany({
    where: { userId, expiresAt: { lt: new Date(now.getTime() - expiredSessionKeptMs) } },
  });
  return session.id;
}

/** Signing out ends the session here, so a copy of the cookie stops working too. */
export async function endSession(sessionId: string | undefined): Promise<void> {
  if (!sessionId || !isUuid(sessionId)) return;
  await db.userSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: new Date() },
  });
}

/**
 * A session counts only while its record is open and unexpired, its user is enabled, and the user's session
 * version is current (role, password and disable changes bump it). One statement: two primary-key lookups.
 */
export async function resolveSessionActor(
  claims: SessionClaims | null,
  now = new Date(),
): Promise<Actor | null> {
  if (!claims?.sub || typeof claims.sv !== "number" || !claims.sid || !isUuid(claims.sid))
    return null;
  const user = await db.user.findFirst({
    where: {
      id: claims.sub,
      disabled: false,
      sessionVersion: claims.sv,
      sessions: { some: { id: claims.sid, endedAt: null, expiresAt: { gt: now } } },
    },
  });
  return user ? toActor(user) : null;
}

export async function actorFromCookies(
  cookies: ReadonlyMap<string, string>,
): Promise<Actor | null> {
  const token = sessionTokenFromCookies(cookies);
  return token ? resolveSessionActor(await decodeSessionToken(token)) : null;
}
