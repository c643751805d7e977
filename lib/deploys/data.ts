import "server-only";
import { db } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { rollbackSteps } from "@/lib/deploys/rollback";
import type { DeployStatus } from "@/lib/deploys/labels";
import { deployListFilterSchema } from "@/lib/deploys/schema";
import type {
  DeployListFilter,
  DeployView,
  RollbackGuidance,
  SmokeResult,
} from "@/lib/deploys/types";
import type { ServiceLinks } from "@/lib/services/types";
import { isUuid } from "@/lib/validation";

export const deployInclude = {
  service: { select: { id: true, name: true, environment: true } },
} satisfies Prisma.DeployInclude;
export type DeployRow = Prisma.DeployGetPayload<{ include: typeof deployInclude }>;

/** How a person names a release: its version, else its short commit. */
export function deployLabel(version: string | null, commit: string | null): string {
  return version ?? (commit ? commit.slice(0, 7) : "unnamed release");
}

/** "post-deploy smoke: up in 240 ms", "post-deploy smoke: down (HTTP 502)". */
export function smokeSummaryOf(smoke: SmokeResult | null): string | null {
  if (!smoke) return null;
  const prefix = "post-deploy smoke:";
  switch (smoke.status) {
    case "up":
      return smoke.latencyMs === null ? `${prefix} up` : `${prefix} up in ${smoke.latencyMs} ms`;
    case "degraded":
      return `${prefix} degraded${smoke.latencyMs === null ? "" : ` in ${smoke.latencyMs} ms`} (${smoke.reason})`;
    case "down": {
      const httpError = /\bHTTP ([45]\d\d)\b/.exec(smoke.reason)?.[1];
      return `${prefix} down (${httpError ? `HTTP ${httpError}` : smoke.reason})`;
    }
    case "skipped":
      return `${prefix} skipped (${smoke.reason})`;
    case "error":
      return `${prefix} not run (${smoke.reason})`;
  }
}

function smokeOf(row: DeployRow): SmokeResult | null {
  if (!row.smokeStatus || !row.smokeAt) return null;
  return {
    status: row.smokeStatus as SmokeResult["status"],
    latencyMs: row.smokeLatencyMs,
    reason: row.smokeReason ?? "",
    at: row.smokeAt.toISOString(),
  };
}

export function toDeployView(row: DeployRow): DeployView {
  const smoke = smokeOf(row);
  return {
    id: row.id,
    number: row.number,
    service: row.service,
    version: row.releaseVersion,
    commit: row.commitSha,
    label: deployLabel(row.releaseVersion, row.commitSha),
    environment: row.environment,
    status: row.status as DeployStatus,
    link: row.link,
    deployedBy: row.deployedBy,
    checklist: {
      ciGreen: row.ciGreen,
      noSecretsInDiff: row.noSecretsInDiff,
      versionTagRecorded: row.versionTagRecorded,
    },
    notes: row.notes,
    smoke,
    smokeSummary: smokeSummaryOf(smoke),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A service named by id or by name (case-insensitive), as the list filter and the CLI take it. */
function serviceWhere(reference: string): Prisma.DeployWhereInput {
  return isUuid(reference)
    ? { serviceId: reference }
    : { service: { name: { equals: reference, mode: "insensitive" } } };
}

/** Newest first; `before` is the number of the last deploy of the previous page (keyset). */
export async function listDeploys(
  filter: Partial<DeployListFilter> = {},
): Promise<{ deploys: DeployView[]; nextBefore: number | null }> {
  const limit = filter.limit ?? deployListFilterSchema.shape.limit.parse(undefined);
  const inFlight =
    filter.inFlight === true
      ? { status: "started" as const }
      : filter.inFlight === false
        ? { status: { not: "started" as const } }
        : {};
  const rows = await db.deploy.findMany({
    where: {
      ...(filter.service ? serviceWhere(filter.service) : {}),
      ...inFlight,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.environment ? { environment: filter.environment } : {}),
      ...(filter.before ? { number: { lt: filter.before } } : {}),
    },
    include: deployInclude,
    orderBy: { number: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    deploys: page.map(toDeployView),
    nextBefore: rows.length > limit ? (page.at(-1)?.number ?? null) : null,
  };
}

export async function getDeploy(deployId: string): Promise<DeployView> {
  if (!isUuid(deployId)) throw notFoundError("The deploy");
  const row = await db.deploy.findUnique({ where: { id: deployId }, include: deployInclude });
  if (!row) throw notFoundError("The deploy");
  return toDeployView(row);
}

/** A deploy named by its number ("7", "#7") or its id, for the CLI. */
export async function findDeployByReference(reference: string): Promise<DeployView> {
  const trimmed = reference.trim();
  const number = /^#?(\d{1,9})$/.exec(trimmed)?.[1];
  if (number) {
    const row = await db.deploy.findUnique({
      where: { number: Number(number) },
      include: deployInclude,
    });
    if (!row) throw notFoundError(`Deploy #${number}`);
    return toDeployView(row);
  }
  return getDeploy(trimmed);
}

/** Deploys still going (status started), oldest first: what a handoff lists as in flight. */
export async function listInFlightDeploys(): Promise<DeployView[]> {
  const rows = await db.deploy.findMany({
    where: { status: "started" },
    include: deployInclude,
    orderBy: [{ startedAt: "asc" }, { number: "asc" }],
  });
  return rows.map(toDeployView);
}

export async function listServiceDeploys(serviceId: string, limit = 10): Promise<DeployView[]> {
  if (!isUuid(serviceId)) return [];
  const rows = await db.deploy.findMany({
    where: { serviceId },
    include: deployInclude,
    orderBy: { number: "desc" },
    take: limit,
  });
  return rows.map(toDeployView);
}

/** Beside a failed deploy: the service's last succeeded deploy before it (same environment) and the runbook's ways back to it. */
export async function getRollbackGuidance(deploy: DeployView): Promise<RollbackGuidance> {
  const [service, lastGreen] = await Promise.all([
    db.service.findUnique({
      where: { id: deploy.service.id },
      select: { name: true, profile: true, links: true },
    }),
    db.deploy.findFirst({
      where: {
        serviceId: deploy.service.id,
        environment: deploy.environment,
        status: "succeeded",
        number: { lt: deploy.number },
      },
      include: deployInclude,
      orderBy: { number: "desc" },
    }),
  ]);
  const green = lastGreen ? toDeployView(lastGreen) : null;
  const { railwayService, steps } = rollbackSteps({
    service: service
      ? {
          name: service.name,
          profile: service.profile,
          railway: (service.links as ServiceLinks).railway ?? null,
        }
      : { name: deploy.service.name, profile: "http" },
    failedCommit: deploy.commit,
    lastGreenLabel: green?.label ?? null,
  });
  return {
    railwayService,
    lastGreen: green
      ? {
          id: green.id,
          number: green.number,
          label: green.label,
          commit: green.commit,
          startedAt: green.startedAt,
          link: green.link,
        }
      : null,
    steps,
  };
}
