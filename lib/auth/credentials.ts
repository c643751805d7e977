import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import { registerLoginAttempt } from "@/lib/auth/throttle";
import { findUserByEmail, toActor } from "@/lib/users/data";
import { signInSchema } from "@/lib/users/schema";

export const tooManyAttemptsMessage = "TooManyAttempts";

export type PasswordSignIn =
  | { ok: true; actor: Actor; sessionVersion: number }
  | { ok: false; reason: "invalid" | "throttled" };

/** One answer for an unknown email, a wrong password and a disabled account, in the same time. */
export async function signInWithPassword(
  input: unknown,
  address: string | null,
): Promise<PasswordSignIn> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { allowed } = await registerLoginAttempt(parsed.data.email, address);
  if (!allowed) return { ok: false, reason: "throttled" };
  const user = await findUserByEmail(parsed.data.email);
  const passwordMatches = await verifyPassword(
    parsed.data.password,
    user?.passwordHash ?? (await decoyPasswordHash()),
  );
  if (!user || user.disabled || !user.passwordHash || !passwordMatches)
    return { ok: false, reason: "invalid" };
  return { ok: true, actor: toActor(user), sessionVersion: user.sessionVersion };
}
