import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import type { CheckOutcome } from "@/lib/health/check";
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
export function checkOutcome(serviceId: string, fields: Pick<CheckOutcome, "status" | "scheduledAt" | "reason"> & Partial<CheckOutcome>): CheckOutcome {
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
