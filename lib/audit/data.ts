import "server-only";
import type { Actor } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { AuditEntryView, AuditFilter } from "@/lib/audit/types";

/** Who did it: a signed-in user or token owner, or a system process such as the CLI. */
export type AuditActor = { id: string | null; label: string };

export const cliActor: AuditActor = { id: null, label: "cli" };
export const systemActor: AuditActor = { id: null, label: "system" };

export function auditActorOf(actor: Actor | AuditActor): AuditActor {
  return "email" in actor ? { id: actor.id, label: actor.email } : actor;
}

export type AuditEvent = {
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
};

/** Always called with the transaction that makes the change, so the record and the change land together. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: Actor | AuditActor,
  event: AuditEvent,
) {
  const who = auditActorOf(actor);
  await tx.auditLog.create({
    data: {
      actorId: who.id,
      actorLabel: who.label,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      details: event.details ?? {},
    },
  });
}

export async function listAuditEntries(
  filter: AuditFilter,
): Promise<{ entries: AuditEntryView[]; nextBefore: string | null }> {
  const rows = await db.auditLog.findMany({
    where: {
      ...(filter.action ? { action: { contains: filter.action, mode: "insensitive" } } : {}),
      ...(filter.actor ? { actorLabel: { contains: filter.actor, mode: "insensitive" } } : {}),
      ...(filter.targetType ? { targetType: filter.targetType } : {}),
      ...(filter.before ? { id: { lt: filter.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  return {
    entries: page.map((row) => ({
      id: row.id.toString(),
      actorLabel: row.actorLabel,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: row.details,
      createdAt: row.createdAt.toISOString(),
    })),
    nextBefore: rows.length > filter.limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

export async function listAuditTargetTypes(): Promise<string[]> {
  const rows = await db.auditLog.findMany({
    distinct: ["targetType"],
    select: { targetType: true },
    orderBy: { targetType: "asc" },
  });
  return rows.map((row) => row.targetType);
}
