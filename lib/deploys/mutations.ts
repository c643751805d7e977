import "server-only";
import { assertSameKeyedRequest, idempotencyFingerprint } from "@/lib/api/idempotency";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { deployInclude, toDeployView, type DeployRow } from "@/lib/deploys/data";
import {
  deployStatusLabels,
  deployTransitions,
  type DeployChecklistItem,
  type DeployStatus,
} from "@/lib/deploys/labels";
import { createDeploySchema, updateDeploySchema } from "@/lib/deploys/schema";
import type { CreateDeployInput, DeployView, UpdateDeployInput } from "@/lib/deploys/types";
import { runSmokeCheck } from "@/lib/deploys/smoke";
import { conflictError, isUniqueViolation, notFoundError, validationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendServiceEntryToOpenIncidents } from "@/lib/incidents/mutations";
import { publishHealthChange, publishIncidentChange } from "@/lib/live/bus";
import { endDeployMaintenance, openDeployMaintenance } from "@/lib/maintenance/data";
import { isUuid, parseInput } from "@/lib/validation";

type Tx = Prisma.TransactionClient;
type DeployActor = Actor | AuditActor;

const authorOf = (actor: DeployActor) =>
  "email" in actor
    ? { id: actor.id, label: actor.name || actor.email }
    : { id: actor.id, label: actor.label };

const checklistWords: Record<DeployChecklistItem, [yes: string, no: string]> = {
  ciGreen: ["CI green", "CI not green"],
  noSecretsInDiff: ["no secrets", "secrets not checked"],
  versionTagRecorded: ["tag recorded", "tag not recorded"],
};

function checklistPhrase(checklist: DeployView["checklist"]): string {
  const said = (Object.keys(checklistWords) as DeployChecklistItem[]).flatMap((item) => {
    const value = checklist[item];
    return value === null ? [] : [checklistWords[item][value ? 0 : 1]];
  });
  return said.length ? `checklist: ${said.join(", ")}` : "checklist not stated";
}

const statusVerbs: Record<DeployStatus, string> = {
  started: "started",
  succeeded: "succeeded",
  failed: "failed",
  rolled_back: "rolled back",
};

/** "Deploy #7 of MCP v1.2.3 started by ci-bot (checklist: CI green, no secrets, tag recorded) https://link" */
export function deployTimelineBody(deploy: DeployView, recorded: boolean): string {
  const what = `Deploy #${deploy.number} of ${deploy.service.name} ${deploy.label}`;
  const body =
    deploy.status === "started"
      ? `${what} started by ${deploy.deployedBy}`
      : recorded
        ? `${what} by ${deploy.deployedBy} recorded as ${statusVerbs[deploy.status]}`
        : `${what} by ${deploy.deployedBy} ${statusVerbs[deploy.status]}`;
  return `${body}${recorded ? ` (${checklistPhrase(deploy.checklist)})` : ""}${deploy.link ? ` ${deploy.link}` : ""}`;
}

/** A deploy is the runbook's first suspect for a 502: each of its status changes joins the open incidents of its service. */
async function appendToOpenIncidents(
  tx: Tx,
  actor: DeployActor,
  deploy: DeployView,
  recorded: boolean,
): Promise<string[]> {
  return appendServiceEntryToOpenIncidents(tx, {
    serviceId: deploy.service.id,
    kind: deploy.status === "rolled_back" ? "rollback" : "deploy",
    body: deployTimelineBody(deploy, recorded),
    details: {
      deployId: deploy.id,
      number: deploy.number,
      serviceId: deploy.service.id,
      serviceName: deploy.service.name,
      label: deploy.label,
      status: deploy.status,
      link: deploy.link,
    },
    idempotencyKey: `deploy:${deploy.id}:${deploy.status}`,
    author: authorOf(actor),
  });
}

/** Open incident pages refetch their timeline; open overviews refetch the tile ("deploying now"). */
async function afterCommit(serviceId: string, incidentIds: string[]): Promise<void> {
  await publishIncidentChange(incidentIds, "timeline");
  await publishHealthChange([serviceId]);
}

/** A service by id, or by exact name (case-insensitive); a name used in two environments is settled by the environment given. */
async function resolveService(
  reference: string,
  environment: string | null,
): Promise<{ id: string; environment: string }> {
  const select = { id: true, name: true, environment: true } as const;
  if (isUuid(reference)) {
    const byId = await db.service.findUnique({ where: { id: reference }, select });
    if (byId) return byId;
  }
  const named = await db.service.findMany({
    where: { name: { equals: reference, mode: "insensitive" } },
    select,
    orderBy: { environment: "asc" },
  });
  const candidates =
    named.length > 1 && environment
      ? named.filter((service) => service.environment === environment)
      : named;
  const [only] = candidates;
  if (candidates.length === 1 && only) return only;
  throw validationError({
    service: [
      candidates.length === 0
        ? `No service is called ${reference}.`
        : `${reference} names ${candidates.length} services (${candidates.map((service) => service.environment).join(", ")}); give the environment or the service id.`,
    ],
  });
}

async function deployByKey(idempotencyKey: string): Promise<DeployRow | null> {
  return db.deploy.findUnique({ where: { idempotencyKey }, include: deployInclude });
}

function statedEnvironment(input: unknown): string | null {
  const value =
    typeof input === "object" && input !== null
      ? (input as Record<string, unknown>).environment
      : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/**
 * Records a deploy (from CI, the CLI or the form) with its audit row and its entries on the service's open
 * incidents in one transaction. The same idempotency key always yields the same deploy, however many
 * retries arrive and however close together. Recorded as succeeded, it gets its post-deploy smoke check.
 */
export async function recordDeploy(
  actor: DeployActor,
  input: CreateDeployInput,
): Promise<{ deploy: DeployView; created: boolean }> {
  const parsed = parseInput(createDeploySchema, input);
  const environment = statedEnvironment(input);
  const sender = authorOf(actor);
  const fingerprint = idempotencyFingerprint(
    sender.id ? `user:${sender.id}` : `system:${sender.label}`,
    { ...parsed, environment },
  );
  const replay = async (): Promise<{ deploy: DeployView; created: false } | null> => {
    if (!parsed.idempotencyKey) return null;
    const existing = await deployByKey(parsed.idempotencyKey);
    if (!existing) return null;
    assertSameKeyedRequest(existing, fingerprint);
    return { deploy: toDeployView(existing), created: false };
  };
  const replayed = await replay();
  if (replayed) return replayed;
  const service = await resolveService(parsed.service, environment);
  const now = new Date();
  const finished = parsed.status !== "started";
  let incidentIds: string[] = [];
  let row: DeployRow;
  try {
    row = await db.$transaction(async (tx) => {
      const created = await tx.deploy.create({
        data: {
          serviceId: service.id,
          releaseVersion: parsed.version ?? null,
          commitSha: parsed.commit?.toLowerCase() ?? null,
          environment: environment ?? service.environment,
          status: parsed.status,
          link: parsed.link ?? null,
          deployedBy: parsed.who ?? authorOf(actor).label,
          createdById: "email" in actor ? actor.id : null,
          ciGreen: parsed.ciGreen ?? null,
          noSecretsInDiff: parsed.noSecretsInDiff ?? null,
          versionTagRecorded: parsed.versionTagRecorded ?? null,
          notes: parsed.notes ?? "",
          startedAt: parsed.startedAt ?? now,
          finishedAt: finished ? now : null,
          idempotencyKey: parsed.idempotencyKey ?? null,
          ...(parsed.idempotencyKey
            ? { idempotencyActor: fingerprint.actor, idempotencyBodyHash: fingerprint.bodyHash }
            : {}),
        },
        include: deployInclude,
      });
      const view = toDeployView(created);
      if (parsed.maintenance) {
        await openDeployMaintenance(
          tx,
          actor,
          {
            id: created.id,
            number: created.number,
            serviceId: service.id,
            serviceName: created.service.name,
            label: view.label,
            startsAt: now,
          },
          parsed.maintenanceMinutes,
        );
      }
      incidentIds = await appendToOpenIncidents(tx, actor, view, true);
      await recordAudit(tx, actor, {
        action: "deploy.record",
        targetType: "deploy",
        targetId: created.id,
        details: {
          number: created.number,
          service: created.service.name,
          label: view.label,
          status: created.status,
          environment: created.environment,
          ...(parsed.maintenance ? { maintenanceMinutes: parsed.maintenanceMinutes } : {}),
        },
      });
      return created;
    });
  } catch (error) {
    if (parsed.idempotencyKey && isUniqueViolation(error)) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw error;
  }
  await afterCommit(row.serviceId, incidentIds);
  if (row.status === "succeeded") return { deploy: await runSmokeCheck(row.id), created: true };
  return { deploy: toDeployView(row), created: true };
}

const pastTense: Record<DeployStatus, string> = {
  started: "started",
  succeeded: "a succeeded",
  failed: "a failed",
  rolled_back: "a rolled-back",
};

function transitionRefused(current: DeployRow, wanted: DeployStatus): never {
  const allowed = deployTransitions[current.status];
  const message =
    allowed.length === 0
      ? `${capitalize(pastTense[current.status])} deploy is final: it cannot become ${deployStatusLabels[wanted].toLowerCase()}.`
      : `${capitalize(pastTense[current.status])} deploy can only be ${allowed.map((status) => (status === "rolled_back" ? "rolled back" : `marked ${deployStatusLabels[status].toLowerCase()}`)).join(" or ")}.`;
  throw conflictError(message, { status: [message] }, { allowed, current: toDeployView(current) });
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Moves a deploy along (started → succeeded | failed | rolled_back; succeeded or failed → rolled_back) and
 * edits its link, checklist and notes. The write is conditional on the status the caller's change was judged
 * against, so of two responders moving the same deploy one wins and the other gets 409. On `succeeded` the
 * post-deploy smoke check runs after the commit; its failure is recorded on the deploy, never thrown.
 */
export async function updateDeploy(
  actor: DeployActor,
  deployId: string,
  input: UpdateDeployInput,
): Promise<DeployView> {
  const parsed = parseInput(updateDeploySchema, input);
  if (!isUuid(deployId)) throw notFoundError("The deploy");
  const now = new Date();
  let incidentIds: string[] = [];
  const outcome = await db.$transaction(async (tx) => {
    const current = await tx.deploy.findUnique({ where: { id: deployId }, include: deployInclude });
    if (!current) throw notFoundError("The deploy");
    const wanted = parsed.status;
    const moving = wanted !== undefined && wanted !== current.status;
    if (moving && !deployTransitions[current.status].includes(wanted))
      transitionRefused(current, wanted);

    const data: Prisma.DeployUncheckedUpdateManyInput = {};
    const changed: string[] = [];
    if (moving) {
      data.status = wanted;
      changed.push("status");
      if (current.status === "started") data.finishedAt = now;
      if (wanted === "succeeded" && parsed.skipSmoke) {
        Object.assign(data, {
          smokeStatus: "skipped",
          smokeLatencyMs: null,
          smokeReason: `skipped by ${authorOf(actor).label}`,
          smokeAt: now,
        });
      }
    }
    if (parsed.link !== undefined && parsed.link !== current.link) {
      data.link = parsed.link;
      changed.push("link");
    }
    for (const item of ["ciGreen", "noSecretsInDiff", "versionTagRecorded"] as const) {
      const value = parsed[item];
      if (value === undefined || value === current[item]) continue;
      data[item] = value;
      changed.push(item);
    }
    if (parsed.notes !== undefined && parsed.notes !== current.notes) {
      data.notes = parsed.notes;
      changed.push("notes");
    }
    if (changed.length === 0) return { row: current, smoke: false };

    const { count } = await tx.deploy.updateMany({
      where: { id: deployId, status: current.status },
      data,
    });
    if (count === 0) {
      const latest = await tx.deploy.findUniqueOrThrow({
        where: { id: deployId },
        include: deployInclude,
      });
      const message = `This deploy became ${deployStatusLabels[latest.status].toLowerCase()} while you were changing it; nothing was saved. Review it and apply your change again.`;
      throw conflictError(message, undefined, {
        allowed: deployTransitions[latest.status],
        current: toDeployView(latest),
      });
    }
    const updated = await tx.deploy.findUniqueOrThrow({
      where: { id: deployId },
      include: deployInclude,
    });
    // The deploy's maintenance window (if it opened one) closes as it finishes: the smoke check and the checks after it count again.
    if (moving && current.status === "started")
      await endDeployMaintenance(tx, actor, deployId, now);
    if (moving) incidentIds = await appendToOpenIncidents(tx, actor, toDeployView(updated), false);
    await recordAudit(tx, actor, {
      action: "deploy.update",
      targetType: "deploy",
      targetId: deployId,
      details: {
        number: updated.number,
        changed,
        ...(moving ? { from: current.status, to: updated.status } : {}),
      },
    });
    return { row: updated, smoke: moving && wanted === "succeeded" && !parsed.skipSmoke };
  });
  await afterCommit(outcome.row.serviceId, incidentIds);
  if (outcome.smoke) return runSmokeCheck(deployId);
  return toDeployView(outcome.row);
}
