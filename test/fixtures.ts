import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import type { CheckOutcome } from "@/lib/health/check";
import type { Actor, Role } from "@/lib/auth/roles";
import { createUser, toActor } from "@/lib/users/data";
import { db } from "@/lib/db";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import type { AuditActor } from "@/lib/audit/data";

export const testPassword = "correct horse battery staple";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@vitest.test`;
}

/** A user of its own for one test, so tests never depend on or wipe shared rows. */
export async function makeUser(
  role: Role = "viewer",
  label: string = role,
): Promise<Actor & { sessionVersion: number }> {
  const { user } = await createUser(
    { id: null, label: "vitest" },
    { email: uniqueEmail(label), name: `Test ${label}`, role, password: testPassword },
  );
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  return { ...toActor(row), sessionVersion: row.sessionVersion };
}

/** Runs a call expected to be refused and hands back the AppError it threw. */
export async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A finished check as the poller hands it to the writer; only what a test cares about is given. */
export function checkOutcome(
  serviceId: string,
  fields: Pick<CheckOutcome, "status" | "scheduledAt" | "reason"> & Partial<CheckOutcome>,
): CheckOutcome {
  return {
    serviceId,
    startedAt: fields.scheduledAt,
    httpStatus: null,
    latencyMs: null,
    timings: null,
    version: null,
    figures: {},
    bodySample: null,
    tlsExpiresAt: null,
    manual: false,
    ...fields,
  };
}

/**
 * Lets a test file reach simulators on 127.0.0.1 (any port). The returned function takes the rule away again when
 * this file added it, so no later file inherits a broad loopback rule (a test of "no rule covers localhost" would).
 */
export async function allowLoopbackSimulators(
  actor: Actor | AuditActor,
): Promise<() => Promise<void>> {
  const added = await addAllowRule(actor, { rule: "127.0.0.1", note: "vitest simulator" }).catch(
    () => null,
  );
  return async () => {
    if (added) await removeAllowRule(actor, added.id).catch(() => undefined);
  };
}
