import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import { registerLoginAttempt } from "@/lib/auth/throttle";
import { env } from "@/lib/env";
import { findUserByEmail, toActor } from "@/lib/users/data";
import { signInSchema } from "@/lib/users/schema";

export const tooManyAttemptsMessage = "TooManyAttempts";

export type PasswordSignIn =
  | { ok: true; actor: Actor; sessionVersion: number }
  | { ok: false; reason: "invalid" | "throttled" };

/** One answer for an unknown email, a wrong password and a disabled account, in the same time. */
export async function signInWithPassword(input: unknown, address: string | null): Promise<PasswordSignIn> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { allowed } = await registerLoginAttempt(parsed.data.email, address);
  if (!allowed) return { ok: false, reason: "throttled" };
  const user = await findUserByEmail(parsed.data.email);
  const passwordMatches = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || user.disabled || !user.passwordHash || !passwordMatches) return { ok: false, reason: "invalid" };
  return { ok: true, actor: toActor(user), sessionVersion: user.sessionVersion };
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Next.js fills x-forwarded-for from the socket only when it is absent. Behind a proxy that sets it,
// VIGIL_TRUST_PROXY makes the proxy's view (the left-most hop) the client address.
export function clientAddress(headers: HeaderSource): string | null {
  const forwarded = readHeader(headers, "x-forwarded-for");
  const hops = forwarded?.split(",").map((hop) => hop.trim()).filter(Boolean) ?? [];
  const address = env.VIGIL_TRUST_PROXY ? hops[0] : hops.at(-1);
  return address ?? readHeader(headers, "x-real-ip") ?? null;
}
