import { db, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { defaultEscalationLevels, defaultPolicyName, escalationLevelsSchema, type EscalationLevel } from "@/lib/paging/schema";

type Client = Db | Prisma.TransactionClient;

export type ResolvedPolicy = { id: string | null; name: string; levels: EscalationLevel[]; repeat: number };

/** The runbook's default, used while no policy is stored as the default. */
export const builtInDefaultPolicy: ResolvedPolicy = { id: null, name: defaultPolicyName, levels: defaultEscalationLevels, repeat: 0 };

function resolved(row: { id: string; name: string; levels: Prisma.JsonValue; repeat: number }): ResolvedPolicy {
  const levels = escalationLevelsSchema.safeParse(row.levels);
  return { id: row.id, name: row.name, levels: levels.success ? levels.data : defaultEscalationLevels, repeat: row.repeat };
}

/** The policy a service's pages follow: its own, else the stored default, else the built-in default. */
export async function loadPolicyFor(serviceId: string | null, client: Client = db): Promise<ResolvedPolicy> {
  if (serviceId) {
    const service = await client.service.findUnique({ where: { id: serviceId }, select: { escalationPolicy: { select: { id: true, name: true, levels: true, repeat: true } } } });
    if (service?.escalationPolicy) return resolved(service.escalationPolicy);
  }
  const stored = await client.escalationPolicy.findFirst({ where: { isDefault: true }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, levels: true, repeat: true } });
  return stored ? resolved(stored) : builtInDefaultPolicy;
}
