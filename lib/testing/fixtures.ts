import { randomBytes } from "node:crypto";
import type { Actor, Role } from "@/lib/auth/roles";
import { createUser, toActor } from "@/lib/users/data";
import { db } from "@/lib/db";

export const testPassword = "correct horse battery staple";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@vitest.test`;
}

/** A user of its own for one test, so tests never depend on or wipe shared rows. */
export async function makeUser(role: Role = "viewer", label: string = role): Promise<Actor & { sessionVersion: number }> {
  const { user } = await createUser({ id: null, label: "vitest" }, { email: uniqueEmail(label), name: `Test ${label}`, role, password: testPassword });
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  return { ...toActor(row), sessionVersion: row.sessionVersion };
}
