import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { createContactMethodSchema, updateContactMethodSchema } from "@/lib/contacts/schema";
import type {
  ContactMethodKind,
  ContactMethodView,
  ContactTestStatus,
  CreateContactMethodInput,
  UpdateContactMethodInput,
} from "@/lib/contacts/types";
import { db } from "@/lib/db";
import {
  AppError,
  forbiddenError,
  notFoundError,
  validationError,
  type FieldErrors,
} from "@/lib/errors";
import type { ContactMethod, Prisma } from "@/lib/generated/prisma/client";
import { redactUrl } from "@/lib/notifications/redact-url";
import { assertUrlAllowedBySyntax } from "@/lib/outbound/policy";
import { assertStorableText, fieldErrorsOf } from "@/lib/validation";
import { updateOnVersion } from "@/lib/versioned-update";

const uuid = z.string().uuid();

export function displayTargetOf(kind: ContactMethodKind, target: string): string {
  return kind === "email" ? target : redactUrl(target);
}

export function toContactMethodView(row: ContactMethod): ContactMethodView {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    label: row.label,
    displayTarget: displayTargetOf(row.kind, row.target),
    enabled: row.enabled,
    version: row.version,
    lastTestAt: row.lastTestAt?.toISOString() ?? null,
    lastTestStatus:
      row.lastTestStatus === "delivered" || row.lastTestStatus === "failed"
        ? (row.lastTestStatus satisfies ContactTestStatus)
        : null,
    lastTestError: row.lastTestError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A person's contact methods are theirs and the admins' alone, for reading as for writing. */
function assertMayManage(actor: Actor, ownerId: string): void {
  if (actor.id !== ownerId && !hasRole(actor.role, "admin"))
    throw forbiddenError("Contact methods are visible only to their owner and admins.");
}

/** The row, when the actor may see it: another person's method is refused as if it did not exist to them. */
export async function loadOwnedContactMethod(
  actor: Actor,
  methodId: string,
): Promise<ContactMethod> {
  if (!uuid.safeParse(methodId).success) throw notFoundError("The contact method");
  const row = await db.contactMethod.findUnique({ where: { id: methodId } });
  if (!row) throw notFoundError("The contact method");
  assertMayManage(actor, row.userId);
  return row;
}

/** The schema and, for URL kinds, the outbound policy together, so one answer lists every field that is wrong. */
async function parseWithPolicy<T extends { kind: ContactMethodKind; target: string }>(
  schema: z.ZodType<T>,
  input: unknown,
  unchanged?: { kind: ContactMethodKind; target: string },
): Promise<T> {
  assertStorableText(input);
  const result = schema.safeParse(input);
  const fields: FieldErrors = result.success ? {} : fieldErrorsOf(result.error);
  // A stored URL is re-checked only when it changes; the connection applies the policy again at every send anyway.
  const same =
    result.success &&
    unchanged !== undefined &&
    unchanged.kind === result.data.kind &&
    unchanged.target === result.data.target;
  if (result.success && result.data.kind !== "email" && !same) {
    const policyFields = await assertUrlAllowedBySyntax(result.data.target, "target").then(
      () => ({}) as FieldErrors,
      (error: unknown) =>
        error instanceof AppError && error.fields
          ? error.fields
          : { target: ["That URL is not allowed."] },
    );
    if (policyFields.target) fields.target = policyFields.target;
  }
  if (!result.success || Object.keys(fields).length > 0) throw validationError(fields);
  return result.data;
}

function auditDetails(row: ContactMethod): Prisma.InputJsonValue {
  return {
    userId: row.userId,
    kind: row.kind,
    label: row.label,
    target: displayTargetOf(row.kind, row.target),
    enabled: row.enabled,
    version: row.version,
  };
}

export async function listContactMethods(
  actor: Actor,
  userId: string = actor.id,
): Promise<ContactMethodView[]> {
  if (!uuid.safeParse(userId).success) throw notFoundError("The person");
  assertMayManage(actor, userId);
  const rows = await db.contactMethod.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toContactMethodView);
}

export async function getContactMethod(actor: Actor, methodId: string): Promise<ContactMethodView> {
  return toContactMethodView(await loadOwnedContactMethod(actor, methodId));
}

/** Adds a method for `userId` (the actor by default; an admin may add one for anyone). */
export async function createContactMethod(
  actor: Actor,
  input: CreateContactMethodInput,
  userId: string = actor.id,
): Promise<ContactMethodView> {
  if (!uuid.safeParse(userId).success) throw notFoundError("The person");
  assertMayManage(actor, userId);
  const parsed = await parseWithPolicy(createContactMethodSchema, input);
  const row = await db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!owner) throw notFoundError("The person");
    const created = await tx.contactMethod.create({
      data: {
        userId,
        kind: parsed.kind,
        label: parsed.label,
        target: parsed.target,
        enabled: parsed.enabled,
      },
    });
    await recordAudit(tx, actor, {
      action: "contact_method.create",
      targetType: "contact_method",
      targetId: created.id,
      details: auditDetails(created),
    });
    return created;
  });
  return toContactMethodView(row);
}

/**
 * A conditional write on the version the editor saw (409 when stale). Fields not sent keep their values; a blank
 * or missing target keeps the stored one, so the secret never has to travel back to the browser.
 */
export async function updateContactMethod(
  actor: Actor,
  methodId: string,
  input: Partial<UpdateContactMethodInput> & { version: UpdateContactMethodInput["version"] },
): Promise<ContactMethodView> {
  const current = await loadOwnedContactMethod(actor, methodId);
  const sent = Object.fromEntries(
    Object.entries(input as Record<string, unknown>).filter(
      ([key, value]) =>
        value !== undefined &&
        !(key === "target" && typeof value === "string" && value.trim() === ""),
    ),
  );
  const parsed = await parseWithPolicy(
    updateContactMethodSchema,
    {
      kind: current.kind,
      label: current.label,
      target: current.target,
      enabled: current.enabled,
      ...sent,
    },
    current,
  );
  const row = await db.$transaction(async (tx) => {
    await updateOnVersion(
      tx.contactMethod,
      {
        id: methodId,
        version: parsed.version,
        what: "The contact method",
        conflict: (now) =>
          `This contact method changed since you opened it (now version ${now}). Reload to see the change.`,
      },
      { kind: parsed.kind, label: parsed.label, target: parsed.target, enabled: parsed.enabled },
    );
    const updated = await tx.contactMethod.findUniqueOrThrow({ where: { id: methodId } });
    await recordAudit(tx, actor, {
      action: "contact_method.update",
      targetType: "contact_method",
      targetId: methodId,
      details: {
        ...(auditDetails(updated) as Record<string, Prisma.InputJsonValue>),
        targetChanged: parsed.target !== current.target,
      },
    });
    return updated;
  });
  return toContactMethodView(row);
}

export async function deleteContactMethod(actor: Actor, methodId: string): Promise<void> {
  const current = await loadOwnedContactMethod(actor, methodId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.contactMethod.deleteMany({ where: { id: methodId } });
    if (count === 0) throw notFoundError("The contact method");
    await recordAudit(tx, actor, {
      action: "contact_method.delete",
      targetType: "contact_method",
      targetId: methodId,
      details: auditDetails(current),
    });
  });
}

/** The outcome of "send test", kept on the method (the error is already scrubbed of the target's secrets). */
export async function recordContactTest(
  actor: Actor,
  row: ContactMethod,
  outcome: { status: ContactTestStatus; error: string | null },
): Promise<ContactMethodView> {
  const updated = await db.$transaction(async (tx) => {
    // The method may have been deleted while the test was in flight.
    const { count } = await tx.contactMethod.updateMany({
      where: { id: row.id },
      data: {
        lastTestAt: new Date(),
        lastTestStatus: outcome.status,
        lastTestError: outcome.error,
      },
    });
    if (count === 0) throw notFoundError("The contact method");
    const saved = await tx.contactMethod.findUniqueOrThrow({ where: { id: row.id } });
    await recordAudit(tx, actor, {
      action: "contact_method.test",
      targetType: "contact_method",
      targetId: row.id,
      details: {
        userId: row.userId,
        kind: row.kind,
        status: outcome.status,
        ...(outcome.error ? { error: outcome.error } : {}),
      },
    });
    return saved;
  });
  return toContactMethodView(updated);
}
