import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import {
  AppError,
  conflictError,
  isUniqueViolation,
  notFoundError,
  validationError,
  type FieldErrors,
} from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertUrlAllowedBySyntax } from "@/lib/outbound/policy";
import { getService, toServiceConfigView } from "@/lib/services/data";
import { serviceInputSchema, serviceVersionSchema } from "@/lib/services/schema";
import type { ServiceConfigView, ServiceFormInput, ServiceUpdateInput } from "@/lib/services/types";
import { fieldErrorsOf, parseInput } from "@/lib/validation";

function serviceData(input: ReturnType<typeof serviceInputSchema.parse>) {
  return {
    ...input,
    links: input.links as Prisma.InputJsonValue,
    sampleProbe:
      input.sampleProbe === null ? Prisma.DbNull : (input.sampleProbe as Prisma.InputJsonValue),
  };
}

/** The schema and the outbound policy together, so one answer lists every field that is wrong. */
async function parseServiceInput(
  input: unknown,
): Promise<ReturnType<typeof serviceInputSchema.parse>> {
  const result = serviceInputSchema.safeParse(input);
  const baseUrl = (input as { baseUrl?: unknown } | null)?.baseUrl;
  const policyFields: FieldErrors = await assertUrlAllowedBySyntax(
    typeof baseUrl === "string" ? baseUrl.trim() : "",
    "baseUrl",
  ).then(
    () => ({}),
    (error: unknown) => (error instanceof AppError && error.fields ? error.fields : {}),
  );
  const fields: FieldErrors = { ...(result.success ? {} : fieldErrorsOf(result.error)) };
  if (!fields.baseUrl && policyFields.baseUrl) fields.baseUrl = policyFields.baseUrl;
  if (
    result.success &&
    result.data.escalationPolicyId &&
    (await db.escalationPolicy.count({ where: { id: result.data.escalationPolicyId } })) === 0
  ) {
    fields.escalationPolicyId = ["That escalation policy no longer exists."];
  }
  if (!result.success || Object.keys(fields).length > 0) throw validationError(fields);
  return result.data;
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw conflictError("A service with that name already exists in that environment.", {
      name: ["Already in use."],
    });
  throw error;
}

export async function createService(
  actor: Actor | AuditActor,
  input: ServiceFormInput,
): Promise<ServiceConfigView> {
  const parsed = await parseServiceInput(input);
  const data = serviceData(parsed);
  const service = await db
    .$transaction(async (tx) => {
      const created = await tx.service.create({
        data: { ...data, state: { create: {} } },
      });
      await recordAudit(tx, actor, {
        action: "service.create",
        targetType: "service",
        targetId: created.id,
        details: { name: created.name, baseUrl: created.baseUrl },
      });
      return created;
    })
    .catch(nameTaken);
  return toServiceConfigView(service);
}

/** A conditional write on the version the editor saw: two leads cannot silently overwrite each other (409). */
export async function updateService(
  actor: Actor | AuditActor,
  serviceId: string,
  input: ServiceUpdateInput,
): Promise<ServiceConfigView> {
  const { version } = parseInput(serviceVersionSchema, input);
  const current = await getService(serviceId);
  if (!current) throw notFoundError("The service");
  // PATCH semantics: fields not sent keep their current values.
  const parsed = await parseServiceInput({ ...current, ...input });
  const data = serviceData(parsed);
  const service = await db
    .$transaction(async (tx) => {
      const { count } = await tx.service.updateMany({
        where: { id: serviceId, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) {
        const current = await tx.service.findUnique({ where: { id: serviceId } });
        if (!current) throw notFoundError("The service");
        throw conflictError(
          `Someone changed this service since you opened it (now version ${current.version}). Reload to see their change.`,
        );
      }
      const updated = await tx.service.findUniqueOrThrow({ where: { id: serviceId } });
      await recordAudit(tx, actor, {
        action: "service.update",
        targetType: "service",
        targetId: serviceId,
        details: {
          name: updated.name,
          version: updated.version,
          escalationPolicyId: updated.escalationPolicyId,
        },
      });
      return updated;
    })
    .catch(nameTaken);
  return toServiceConfigView(service);
}

export async function deleteService(actor: Actor | AuditActor, serviceId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const service = await tx.service.findUnique({ where: { id: serviceId } });
    if (!service) throw notFoundError("The service");
    await tx.service.delete({ where: { id: serviceId } });
    await recordAudit(tx, actor, {
      action: "service.delete",
      targetType: "service",
      targetId: serviceId,
      details: { name: service.name },
    });
  });
}
