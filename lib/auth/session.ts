import { decode } from "next-auth/jwt";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { toActor } from "@/lib/users/data";

export const sessionMaxAgeSeconds = 12 * 60 * 60;
export const sessionCookieNames = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export type SessionClaims = { sub?: string; sv?: number };

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set. `npm start` creates one in the data folder.");
  return secret;
}

/** Reads the session cookie (next-auth splits a large one into .0, .1 … chunks). */
export function sessionTokenFromCookies(cookies: ReadonlyMap<string, string>): string | null {
  for (const name of sessionCookieNames) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let index = 0; cookies.has(`${name}.${index}`); index++) chunks.push(cookies.get(`${name}.${index}`) ?? "");
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

/** A session counts only while its user is enabled and its session version is current. */
export async function resolveSessionActor(claims: SessionClaims | null): Promise<Actor | null> {
  if (!claims?.sub || typeof claims.sv !== "number") return null;
  const user = await db.user.findUnique({ where: { id: claims.sub } });
  if (!user || user.disabled || user.sessionVersion !== claims.sv) return null;
  return toActor(user);
}

export async function actorFromCookies(cookies: ReadonlyMap<string, string>): Promise<Actor | null> {
  const token = sessionTokenFromCookies(cookies);
  return token ? resolveSessionActor(await decodeSessionToken(token)) : null;
}
