import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import { db } from "@/lib/db";
import { serviceInputSchema } from "@/lib/services/schema";
import type { ServiceInput } from "@/lib/services/types";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The runbook's system map with the contract's default URLs; every field editable, each can be disabled. */
export const holoscriptServices: ServiceInput[] = [
  {
    name: "MCP server",
    baseUrl: "https://mcp.holoscript.net",
    profile: "holoscript_mcp",
    tags: ["mcp", "holomesh"],
    links: {
      railway: "mcp-server",
      repository: "packages/mcp-server",
      runbook: "Runbook §3 Health checks, §10 MCP Server boot modes",
    },
  },
  {
    name: "Absorb",
    baseUrl: "https://absorb.holoscript.net",
    profile: "absorb",
    tags: ["absorb"],
    links: {
      railway: "absorb-service",
      repository: "packages/absorb-service",
      runbook: "Runbook §1 System map",
    },
  },
  {
    name: "Studio",
    baseUrl: "https://studio.holoscript.net",
    profile: "studio",
    tags: ["studio"],
    links: { railway: "studio", repository: "packages/studio", runbook: "Runbook §1 System map" },
  },
  {
    name: "Orchestrator",
    baseUrl: "https://mcp-orchestrator-production-45f9.up.railway.app",
    profile: "generic_json",
    tags: ["orchestrator"],
    links: { runbook: "Runbook §1 System map (team-specific /health URL)" },
  },
];

const seedAction = "service.seed_defaults";

/**
 * Seeds a fleet once per database: an admin who later deletes the defaults does not get them back on
 * the next start. Returns the number created.
 */
export async function seedServicesOnce(
  actor: AuditActor,
  services: ServiceInput[],
): Promise<number> {
  return db.$transaction(async (tx) => {
    if ((await tx.auditLog.count({ where: { action: seedAction } })) > 0) return 0;
    let created = 0;
    for (const input of services) {
      const parsed = serviceInputSchema.parse(input);
      const exists = await tx.service.findUnique({
        where: { environment_name: { environment: parsed.environment, name: parsed.name } },
      });
      if (exists) continue;
      await tx.service.create({
        data: {
          ...parsed,
          links: parsed.links as Prisma.InputJsonValue,
          sampleProbe: (parsed.sampleProbe ?? undefined) as Prisma.InputJsonValue | undefined,
          state: { create: {} },
        },
      });
      created += 1;
    }
    await recordAudit(tx, actor, {
      action: seedAction,
      targetType: "service",
      details: { names: services.map((service) => service.name) },
    });
    return created;
  });
}
