import "server-only";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { db, type Db } from "@/lib/db";
import {
  conflictError,
  forbiddenError,
  isUniqueViolation,
  notFoundError,
  validationError,
  type FieldErrors,
} from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { defaultEscalationLevels, defaultPolicyName } from "@/lib/paging/labels";
import {
  escalationLevelsSchema,
  escalationPolicyInputSchema,
  setServicePolicySchema,
  updateEscalationPolicySchema,
} from "@/lib/paging/schema";
import type {
  EscalationLevel,
  EscalationPolicyInput,
  EscalationPolicyView,
  PolicyServiceRef,
  ResolvedPolicy,
  UpdateEscalationPolicyInput,
} from "@/lib/paging/types";

/** Kept for app/api/v1/escalation-policies/escalation-policies.test.ts until it imports types.ts. */
import { parseInput } from "@/lib/validation";

type Client = Db | Prisma.TransactionClient;
type Tx = Prisma.TransactionClient;

/** The runbook's default, used while no policy is stored as the default. */
export const builtInDefaultPolicy: ResolvedPolicy = {
  id: null,
  name: defaultPolicyName,
  levels: defaultEscalationLevels,
  repeat: 0,
};

function resolved(row: {
  id: string;
  name: string;
  levels: Prisma.JsonValue;
  repeat: number;
}): ResolvedPolicy {
  const levels = escalationLevelsSchema.safeParse(row.levels);
  return {
    id: row.id,
    name: row.name,
    levels: levels.success ? levels.data : defaultEscalationLevels,
    repeat: row.repeat,
  };
}

/** The policy a service's pages follow: its own, else the stored default, else the built-in default. */
export async function loadPolicyFor(
  serviceId: string | null,
  client: Client = db,
): Promise<ResolvedPolicy> {
  if (serviceId) {
    const service = await client.service.findUnique({
      where: { id: serviceId },
      select: {
        escalationPolicy: { select: { id: true, name: true, levels: true, repeat: true } },
      },
    });
    if (service?.escalationPolicy) return resolved(service.escalationPolicy);
  }
  const stored = await client.escalationPolicy.findFirst({
    where: { isDefault: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, levels: true, repeat: true },
  });
  return stored ? resolved(stored) : builtInDefaultPolicy;
}

const uuid = z.string().uuid();
const defaultLockName = "vigil.escalation_policy.default";

type PolicyRow = {
  id: string;
  name: string;
  isDefault: boolean;
  levels: Prisma.JsonValue;
  repeat: number;
  version: number;
  updatedAt: Date;
};

function assertLead(actor: Actor | AuditActor): void {
  if ("role" in actor && !hasRole(actor.role, "lead"))
    throw forbiddenError("Escalation policies need the lead role or above.");
}

function toView(row: PolicyRow, services: PolicyServiceRef[]): EscalationPolicyView {
  const levels = escalationLevelsSchema.safeParse(row.levels);
  return {
    id: row.id,
    name: row.name,
    isDefault: row.isDefault,
    levels: levels.success ? levels.data : defaultEscalationLevels,
    repeat: row.repeat,
    version: row.version,
    services,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The stored default, if any (the oldest when a race ever left two). */
async function storedDefaultId(client: Client): Promise<string | null> {
  const row = await client.escalationPolicy.findFirst({
    where: { isDefault: true },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** Every policy, the default first, each with the services following it; with none stored, the built-in default. */
export async function listPolicies(client: Client = db): Promise<EscalationPolicyView[]> {
  const [rows, services] = await Promise.all([
    client.escalationPolicy.findMany({
      orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }, { name: "asc" }],
    }),
    client.service.findMany({
      select: { id: true, name: true, environment: true, escalationPolicyId: true },
      orderBy: [{ environment: "asc" }, { name: "asc" }],
    }),
  ]);
  const defaultId = rows.find((row) => row.isDefault)?.id ?? null;
  const following = (policyId: string | null): PolicyServiceRef[] =>
    services
      .filter(
        (service) =>
          service.escalationPolicyId === policyId ||
          (service.escalationPolicyId === null && policyId === defaultId),
      )
      .map((service) => ({
        id: service.id,
        name: service.name,
        environment: service.environment,
        explicit: service.escalationPolicyId !== null,
      }));
  const views = rows.map((row) =>
    toView({ ...row, isDefault: row.id === defaultId }, following(row.id)),
  );
  if (defaultId !== null) return views;
  const builtIn: EscalationPolicyView = {
    id: null,
    name: views.some((view) => view.name === defaultPolicyName)
      ? `${defaultPolicyName} (built in)`
      : defaultPolicyName,
    isDefault: true,
    levels: defaultEscalationLevels,
    repeat: 0,
    version: 0,
    services: following(null),
    updatedAt: null,
  };
  return [builtIn, ...views];
}

export async function getPolicy(
  policyId: string,
  client: Client = db,
): Promise<EscalationPolicyView> {
  if (!uuid.safeParse(policyId).success) throw notFoundError("The escalation policy");
  const policy = (await listPolicies(client)).find((view) => view.id === policyId);
  if (!policy) throw notFoundError("The escalation policy");
  return policy;
}

/** Every person a level names exists and is not disabled; a problem is reported on `levels.<i>.targets.<j>.userId`. */
async function assertTargetsReachable(tx: Tx, levels: EscalationLevel[]): Promise<void> {
  const wanted = levels.flatMap((level, i) =>
    level.targets.flatMap((target, j) =>
      target.kind === "user"
        ? [{ userId: target.userId, path: `levels.${i}.targets.${j}.userId` }]
        : [],
    ),
  );
  if (wanted.length === 0) return;
  const users = await tx.user.findMany({
    where: { id: { in: [...new Set(wanted.map((entry) => entry.userId))] } },
    select: { id: true, disabled: true },
  });
  const fields: FieldErrors = {};
  for (const { userId, path } of wanted) {
    const user = users.find((candidate) => candidate.id === userId);
    if (!user) fields[path] = ["That person is no longer in Vigil."];
    else if (user.disabled) fields[path] = ["That person is disabled: pages would not reach them."];
  }
  if (Object.keys(fields).length > 0) throw validationError(fields);
}

/** Serialises every change of which policy is the default, so exactly one stays the default. */
async function lockDefault(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${defaultLockName}))`;
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw conflictError("Another escalation policy has that name.", { name: ["Already in use."] });
  throw error;
}

function auditDetails(row: PolicyRow): Prisma.InputJsonValue {
  return {
    name: row.name,
    isDefault: row.isDefault,
    levels: row.levels as Prisma.InputJsonValue,
    repeat: row.repeat,
    version: row.version,
  };
}

/**
 * A new policy (lead and up). `isDefault: true` makes it the default in the same transaction; so does saving the
 * first policy while only the built-in default exists and no default is stored yet, when the caller asks for it.
 */
export async function createPolicy(
  actor: Actor | AuditActor,
  input: EscalationPolicyInput,
): Promise<EscalationPolicyView> {
  assertLead(actor);
  const parsed = parseInput(escalationPolicyInputSchema, input);
  const id = await db
    .$transaction(async (tx) => {
      await assertTargetsReachable(tx, parsed.levels);
      if (parsed.isDefault) {
        await lockDefault(tx);
        await tx.escalationPolicy.updateMany({
          where: { isDefault: true },
          data: { isDefault: false, version: { increment: 1 } },
        });
      }
      const created = await tx.escalationPolicy.create({
        data: {
          name: parsed.name,
          isDefault: parsed.isDefault,
          levels: parsed.levels as Prisma.InputJsonValue,
          repeat: parsed.repeat,
        },
      });
      await recordAudit(tx, actor, {
        action: "escalation_policy.create",
        targetType: "escalation_policy",
        targetId: created.id,
        details: auditDetails(created),
      });
      return created.id;
    })
    .catch(nameTaken);
  return getPolicy(id);
}

/**
 * Saves the whole policy on the version the editor saw (409 with the current policy when stale). `isDefault: true`
 * makes it the default; `false` on the default is refused (make another one the default instead); absent keeps it.
 */
export async function updatePolicy(
  actor: Actor | AuditActor,
  policyId: string,
  input: UpdateEscalationPolicyInput,
): Promise<EscalationPolicyView> {
  assertLead(actor);
  if (!uuid.safeParse(policyId).success) throw notFoundError("The escalation policy");
  const parsed = parseInput(updateEscalationPolicySchema, input);
  await db
    .$transaction(async (tx) => {
      const current = await tx.escalationPolicy.findUnique({ where: { id: policyId } });
      if (!current) throw notFoundError("The escalation policy");
      await assertTargetsReachable(tx, parsed.levels);
      if (parsed.isDefault === false && current.isDefault) {
        throw validationError({
          isDefault: ["This is the default policy: make another policy the default instead."],
        });
      }
      const becomesDefault = parsed.isDefault === true && !current.isDefault;
      if (becomesDefault) {
        await lockDefault(tx);
        await tx.escalationPolicy.updateMany({
          where: { isDefault: true, id: { not: policyId } },
          data: { isDefault: false, version: { increment: 1 } },
        });
      }
      const { count } = await tx.escalationPolicy.updateMany({
        where: { id: policyId, version: parsed.version },
        data: {
          name: parsed.name,
          levels: parsed.levels as Prisma.InputJsonValue,
          repeat: parsed.repeat,
          ...(becomesDefault ? { isDefault: true } : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0) {
        throw conflictError(
          `Someone changed this escalation policy since you opened it (now version ${current.version}). Reload to see their change.`,
          undefined,
          {
            current: await getPolicy(policyId, tx),
          },
        );
      }
      const updated = await tx.escalationPolicy.findUniqueOrThrow({ where: { id: policyId } });
      await recordAudit(tx, actor, {
        action: "escalation_policy.update",
        targetType: "escalation_policy",
        targetId: policyId,
        details: auditDetails(updated),
      });
    })
    .catch(nameTaken);
  return getPolicy(policyId);
}

/** Makes one policy the default and every other not, in one transaction. */
export async function setDefaultPolicy(
  actor: Actor | AuditActor,
  policyId: string,
): Promise<EscalationPolicyView> {
  assertLead(actor);
  if (!uuid.safeParse(policyId).success) throw notFoundError("The escalation policy");
  await db.$transaction(async (tx) => {
    await lockDefault(tx);
    const current = await tx.escalationPolicy.findUnique({ where: { id: policyId } });
    if (!current) throw notFoundError("The escalation policy");
    const previous = await storedDefaultId(tx);
    if (current.isDefault && previous === policyId) return;
    await tx.escalationPolicy.updateMany({
      where: { isDefault: true, id: { not: policyId } },
      data: { isDefault: false, version: { increment: 1 } },
    });
    await tx.escalationPolicy.update({
      where: { id: policyId },
      data: { isDefault: true, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, {
      action: "escalation_policy.set_default",
      targetType: "escalation_policy",
      targetId: policyId,
      details: { name: current.name, previousDefaultId: previous },
    });
  });
  return getPolicy(policyId);
}

/** The default policy cannot be deleted; services naming a deleted policy follow the default again (SetNull). */
export async function deletePolicy(actor: Actor | AuditActor, policyId: string): Promise<void> {
  assertLead(actor);
  if (!uuid.safeParse(policyId).success) throw notFoundError("The escalation policy");
  await db.$transaction(async (tx) => {
    await lockDefault(tx);
    const current = await tx.escalationPolicy.findUnique({
      where: { id: policyId },
      include: { services: { select: { id: true, name: true } } },
    });
    if (!current) throw notFoundError("The escalation policy");
    if (current.isDefault)
      throw conflictError(
        "This is the default policy: make another policy the default before deleting it.",
      );
    await tx.escalationPolicy.delete({ where: { id: policyId } });
    await recordAudit(tx, actor, {
      action: "escalation_policy.delete",
      targetType: "escalation_policy",
      targetId: policyId,
      details: {
        name: current.name,
        servicesNowOnDefault: current.services.map((service) => service.name),
      },
    });
  });
}

/** Which policy a service's pages follow: a named one, or null for the default. */
export async function setServicePolicy(
  actor: Actor | AuditActor,
  serviceId: string,
  policyId: string | null,
): Promise<{ serviceId: string; escalationPolicyId: string | null; version: number }> {
  assertLead(actor);
  if (!uuid.safeParse(serviceId).success) throw notFoundError("The service");
  const parsed = parseInput(setServicePolicySchema, { escalationPolicyId: policyId });
  return db.$transaction(async (tx) => {
    const service = await tx.service.findUnique({
      where: { id: serviceId },
      select: { id: true, name: true, escalationPolicyId: true },
    });
    if (!service) throw notFoundError("The service");
    const policy = parsed.escalationPolicyId
      ? await tx.escalationPolicy.findUnique({
          where: { id: parsed.escalationPolicyId },
          select: { id: true, name: true },
        })
      : null;
    if (parsed.escalationPolicyId && !policy)
      throw validationError({ escalationPolicyId: ["That escalation policy no longer exists."] });
    const updated = await tx.service.update({
      where: { id: serviceId },
      data: { escalationPolicyId: parsed.escalationPolicyId, version: { increment: 1 } },
      select: { version: true },
    });
    await recordAudit(tx, actor, {
      action: "service.escalation_policy",
      targetType: "service",
      targetId: serviceId,
      details: {
        name: service.name,
        from: service.escalationPolicyId,
        to: parsed.escalationPolicyId,
        policy: policy?.name ?? "default",
      },
    });
    return { serviceId, escalationPolicyId: parsed.escalationPolicyId, version: updated.version };
  });
}
