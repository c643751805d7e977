import "server-only";
import { assertSameKeyedRequest, idempotencyFingerprint } from "@/lib/api/idempotency";
import { recordAudit } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import {
  conflictError,
  isUniqueViolation,
  notFoundError,
  validationError,
  type FieldErrors,
} from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  entryInclude,
  getIncident,
  incidentInclude,
  listResponders,
  toIncidentView,
  toTimelineEntryView,
  type IncidentRow,
} from "@/lib/incidents/data";
import {
  type IncidentRole,
  type NotificationEvent,
  type TimelineKind,
  incidentRoleLabels,
  severityLabels,
  statusLabels,
} from "@/lib/incidents/labels";
import {
  declareIncidentSchema,
  statusUpdateInputSchema,
  timelineEntryInputSchema,
  updateIncidentSchema,
} from "@/lib/incidents/schema";
import type {
  DeclareIncidentInput,
  IncidentNotification,
  IncidentView,
  StatusUpdateInput,
  TimelineEntryInput,
  TimelineEntryView,
  UpdateIncidentInput,
} from "@/lib/incidents/types";
import { matchPerson, parseTimelineCommand, type TimelineCommand } from "@/lib/incidents/slash";
import { publishIncidentChange } from "@/lib/live/bus";
import { enqueueNotification, nudgeOutbox } from "@/lib/notifications/outbox";
import { draftPostmortemForIncident, ensurePostmortemDraft } from "@/lib/postmortems/mutations";
import { isUuid, parseInput } from "@/lib/validation";

type Tx = Prisma.TransactionClient;
type NewEntry = {
  kind: TimelineKind;
  body: string;
  details?: Prisma.InputJsonValue;
  occurredAt?: Date;
};
/** Runs inside the declaring transaction (e.g. linking the page it came from) and may add timeline entries; throwing rolls the declaration back. */
export type DeclareExtension = (
  tx: Tx,
  incident: { id: string; number: number },
) => Promise<NewEntry[]>;

const authorOf = (actor: Actor) => ({ authorId: actor.id, authorLabel: actor.name || actor.email });
// Backdating is for things done before they were logged; a little clock skew is tolerated, the future is not.
const futureToleranceMs = 60_000;

function notificationOf(
  row: IncidentRow,
  actor: Actor,
  event: NotificationEvent,
  eventKey: string,
  extra: Partial<IncidentNotification> = {},
): IncidentNotification {
  return {
    event,
    eventKey,
    occurredAt: new Date().toISOString(),
    actor: actor.name || actor.email,
    incident: {
      id: row.id,
      number: row.number,
      title: row.title,
      severity: row.severity,
      status: row.status,
      services: row.services.map((link) => link.service.name).sort(),
      url: `${publicUrl()}/incidents/${row.id}`,
    },
    message: "",
    ...extra,
  };
}

/** Incident roles go to active responders and above; every problem is reported against its field. */
async function assertRoleHolders(
  tx: Tx,
  wanted: Partial<Record<`${IncidentRole}Id`, string | null | undefined>>,
): Promise<void> {
  const ids = [
    ...new Set(Object.values(wanted).filter((id): id is string => typeof id === "string")),
  ];
  if (ids.length === 0) return;
  const users = await tx.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, role: true, disabled: true },
  });
  const fields: FieldErrors = {};
  for (const [field, id] of Object.entries(wanted)) {
    if (typeof id !== "string") continue;
    const user = users.find((candidate) => candidate.id === id);
    if (!user) fields[field] = ["No such user."];
    else if (user.disabled) fields[field] = ["That user is disabled."];
    else if (!hasRole(user.role, "responder"))
      fields[field] = ["Incident roles need the responder role or above."];
  }
  if (Object.keys(fields).length > 0) throw validationError(fields);
}

async function assertServices(tx: Tx, serviceIds: string[]): Promise<void> {
  if (serviceIds.length === 0) return;
  const found = await tx.service.count({ where: { id: { in: serviceIds } } });
  if (found !== new Set(serviceIds).size)
    throw validationError({ serviceIds: ["One of the services does not exist (any more)."] });
}

async function addEntries(
  tx: Tx,
  incidentId: string,
  actor: Actor,
  entries: NewEntry[],
  now: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await tx.timelineEntry.createMany({
    data: entries.map((entry) => ({
      incidentId,
      kind: entry.kind,
      body: entry.body,
      details: entry.details ?? {},
      occurredAt: entry.occurredAt ?? now,
      recordedAt: now,
      ...authorOf(actor),
    })),
  });
}

function afterCommit(
  incidentId: string,
  what: "incident" | "timeline",
  notified: boolean,
  entryIds?: string[],
): Promise<void> {
  if (notified) nudgeOutbox();
  return publishIncidentChange([incidentId], what, entryIds);
}

/**
 * Declares an incident with its first timeline entry, audit row and notifications in one transaction.
 * The same idempotency key always yields the same incident: a double submit or a retried call makes one.
 */
export async function declareIncident(
  actor: Actor,
  input: DeclareIncidentInput,
  extend?: DeclareExtension,
): Promise<{ incident: IncidentView; created: boolean }> {
  const parsed = parseInput(declareIncidentSchema, input);
  const fingerprint = idempotencyFingerprint(`user:${actor.id}`, parsed);
  const replay = async (): Promise<{ incident: IncidentView; created: false } | null> => {
    if (!parsed.idempotencyKey) return null;
    const existing = await db.incident.findUnique({
      where: { idempotencyKey: parsed.idempotencyKey },
      include: incidentInclude,
    });
    if (!existing) return null;
    assertSameKeyedRequest(existing, fingerprint);
    return { incident: toIncidentView(existing), created: false };
  };
  const replayed = await replay();
  if (replayed) return replayed;
  const commanderId = parsed.commanderId ?? actor.id;
  const serviceIds = [...new Set(parsed.serviceIds)];
  const now = new Date();
  try {
    const row = await db.$transaction(async (tx) => {
      await assertRoleHolders(tx, {
        commanderId,
        commsLeadId: parsed.commsLeadId,
        scribeId: parsed.scribeId,
      });
      await assertServices(tx, serviceIds);
      const created = await tx.incident.create({
        data: {
          title: parsed.title,
          severity: parsed.severity,
          summary: parsed.summary,
          userImpact: parsed.userImpact,
          workaround: parsed.workaround,
          eta: parsed.eta,
          commanderId,
          commsLeadId: parsed.commsLeadId ?? null,
          scribeId: parsed.scribeId ?? null,
          declaredById: actor.id,
          declaredByLabel: actor.name || actor.email,
          declaredAt: now,
          idempotencyKey: parsed.idempotencyKey ?? null,
          ...(parsed.idempotencyKey
            ? { idempotencyActor: fingerprint.actor, idempotencyBodyHash: fingerprint.bodyHash }
            : {}),
          services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
        },
        include: incidentInclude,
      });
      const serviceNames = created.services.map((link) => link.service.name).sort();
      await addEntries(
        tx,
        created.id,
        actor,
        [
          {
            kind: "declared",
            body: `Declared ${severityLabels[created.severity]}: ${created.title}${serviceNames.length ? ` (affects ${serviceNames.join(", ")})` : ""}. Commander: ${created.commander.name}.`,
            details: {
              severity: created.severity,
              services: serviceNames,
              summary: created.summary,
              userImpact: created.userImpact,
            },
          },
        ],
        now,
      );
      if (extend) await addEntries(tx, created.id, actor, await extend(tx, created), now);
      await recordAudit(tx, actor, {
        action: "incident.declare",
        targetType: "incident",
        targetId: created.id,
        details: {
          number: created.number,
          severity: created.severity,
          title: created.title,
          services: serviceNames,
        },
      });
      await enqueueNotification(
        tx,
        notificationOf(created, actor, "incident.declared", `incident:${created.id}:declared`, {
          message: created.summary || created.title,
          affected: created.userImpact,
          eta: created.eta,
          workaround: created.workaround,
        }),
      );
      return created;
    });
    await afterCommit(row.id, "incident", true);
    return { incident: toIncidentView(row), created: true };
  } catch (error) {
    if (parsed.idempotencyKey && isUniqueViolation(error)) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw error;
  }
}

function staleConflict(current: IncidentRow, seenVersion: number): never {
  const view = toIncidentView(current);
  throw conflictError(
    `This incident changed since you loaded it (you saw version ${seenVersion}, it is now at ${current.version}). Nothing was saved: review the current values and apply your change again.`,
    undefined,
    { current: view },
  );
}

/**
 * Changes an incident's fields. The write is conditional on the version the editor saw: a stale one
 * is refused with 409 and the current incident, never overwritten. Every change lands in the timeline.
 */
export async function updateIncident(
  actor: Actor,
  incidentId: string,
  input: UpdateIncidentInput,
): Promise<IncidentView> {
  const parsed = parseInput(updateIncidentSchema, input);
  if (!isUuid(incidentId)) throw notFoundError("The incident");
  const now = new Date();
  let notified = false;
  const row = await db.$transaction(async (tx) => {
    const current = await tx.incident.findUnique({
      where: { id: incidentId },
      include: incidentInclude,
    });
    if (!current) throw notFoundError("The incident");
    if (current.version !== parsed.version) staleConflict(current, parsed.version);

    const severityChange = parsed.severity !== current.severity ? parsed.severity : undefined;
    const statusChange = parsed.status !== current.status ? parsed.status : undefined;
    const resolving = statusChange === "resolved";
    const rootCause = parsed.rootCause ?? current.rootCause;
    if (resolving && !rootCause?.trim()) {
      throw validationError(
        { rootCause: ["Resolving needs a root-cause summary."] },
        "Resolving needs a root-cause summary.",
      );
    }
    await assertRoleHolders(tx, {
      commanderId: parsed.commanderId,
      commsLeadId: parsed.commsLeadId,
      scribeId: parsed.scribeId,
    });
    if (parsed.serviceIds) await assertServices(tx, parsed.serviceIds);

    const entries: NewEntry[] = [];
    const notifications: IncidentNotification[] = [];
    const data: Prisma.IncidentUncheckedUpdateManyInput = { version: { increment: 1 } };
    const changed: string[] = [];

    if (parsed.title !== undefined && parsed.title !== current.title) {
      data.title = parsed.title;
      changed.push("title");
      entries.push({
        kind: "field_change",
        body: `Title changed from "${current.title}" to "${parsed.title}".`,
        details: { field: "title", from: current.title, to: parsed.title },
      });
    }
    if (severityChange) {
      data.severity = severityChange;
      changed.push("severity");
      entries.push({
        kind: "severity_change",
        body: `Severity changed from ${severityLabels[current.severity]} to ${severityLabels[severityChange]}.`,
        details: { from: current.severity, to: severityChange },
      });
    }
    if (statusChange) {
      data.status = statusChange;
      changed.push("status");
      if (statusChange === "identified") data.identifiedAt = current.identifiedAt ?? now;
      if (statusChange === "mitigated") {
        data.identifiedAt = current.identifiedAt ?? now;
        data.mitigatedAt = current.mitigatedAt ?? now;
      }
      if (resolving) {
        data.resolvedAt = now;
        data.mitigatedAt = current.mitigatedAt ?? now;
        data.identifiedAt = current.identifiedAt ?? now;
      }
      if (current.status === "resolved") data.resolvedAt = null;
      const reopened = current.status === "resolved";
      entries.push({
        kind: "status_change",
        body: reopened
          ? `Reopened: status ${statusLabels[statusChange]}.`
          : resolving
            ? `Resolved. Root cause: ${rootCause}`
            : `Status changed from ${statusLabels[current.status]} to ${statusLabels[statusChange]}.`,
        details: {
          from: current.status,
          to: statusChange,
          ...(resolving ? { rootCause, followUps: parsed.followUps ?? current.followUps } : {}),
        },
      });
    }
    for (const role of ["commander", "commsLead", "scribe"] as const) {
      const key = `${role}Id` as const;
      const wanted = parsed[key];
      const before = current[role];
      if (wanted === undefined || wanted === (before?.id ?? null)) continue;
      data[key] = wanted as string;
      changed.push(key);
      const person = wanted
        ? await tx.user.findUniqueOrThrow({ where: { id: wanted }, select: { name: true } })
        : null;
      entries.push({
        kind: "role_change",
        body: person
          ? `${incidentRoleLabels[role]}: ${person.name}${before ? ` (was ${before.name})` : ""}.`
          : `${incidentRoleLabels[role]} unassigned (was ${before?.name}).`,
        details: { role, from: before?.id ?? null, to: wanted },
      });
    }
    for (const field of ["summary", "userImpact", "workaround", "eta"] as const) {
      const value = parsed[field];
      if (value === undefined || value === current[field]) continue;
      data[field] = value;
      changed.push(field);
      const label = {
        summary: "Summary",
        userImpact: "User impact",
        workaround: "Workaround",
        eta: "ETA",
      }[field];
      entries.push({
        kind: "field_change",
        body: value ? `${label}: ${value}` : `${label} cleared.`,
        details: { field, from: current[field], to: value },
      });
    }
    if (parsed.rootCause !== undefined && parsed.rootCause !== current.rootCause) {
      data.rootCause = parsed.rootCause;
      changed.push("rootCause");
      if (!resolving) {
        entries.push({
          kind: "field_change",
          body: `Root cause: ${parsed.rootCause}`,
          details: { field: "rootCause", to: parsed.rootCause },
        });
      }
    }
    if (parsed.followUps && parsed.followUps.join("\n") !== current.followUps.join("\n")) {
      data.followUps = parsed.followUps;
      changed.push("followUps");
      entries.push({
        kind: "field_change",
        body: `Follow-ups: ${parsed.followUps.join(", ") || "none"}`,
        details: { field: "followUps", to: parsed.followUps },
      });
    }
    let serviceChange: string[] | null = null;
    if (parsed.serviceIds) {
      const before = current.services.map((link) => link.serviceId).sort();
      const after = [...new Set(parsed.serviceIds)].sort();
      if (before.join() !== after.join()) serviceChange = after;
    }
    if (changed.length === 0 && !serviceChange) return current;

    const result = await tx.incident.updateMany({
      where: { id: incidentId, version: parsed.version },
      data,
    });
    if (result.count === 0)
      staleConflict(
        await tx.incident.findUniqueOrThrow({
          where: { id: incidentId },
          include: incidentInclude,
        }),
        parsed.version,
      );
    if (serviceChange) {
      await tx.incidentService.deleteMany({ where: { incidentId } });
      await tx.incidentService.createMany({
        data: serviceChange.map((serviceId) => ({ incidentId, serviceId })),
      });
      const names = (
        await tx.service.findMany({
          where: { id: { in: serviceChange } },
          select: { name: true },
          orderBy: { name: "asc" },
        })
      ).map((service) => service.name);
      changed.push("serviceIds");
      entries.push({
        kind: "field_change",
        body: `Affected services: ${names.join(", ") || "none"}.`,
        details: { field: "services", to: names },
      });
    }
    await addEntries(tx, incidentId, actor, entries, now);
    const updated = await tx.incident.findUniqueOrThrow({
      where: { id: incidentId },
      include: incidentInclude,
    });

    if (severityChange) {
      notifications.push(
        notificationOf(
          updated,
          actor,
          "incident.severity_changed",
          `incident:${incidentId}:v${updated.version}:severity`,
          {
            message: `Severity changed from ${severityLabels[current.severity]} to ${severityLabels[updated.severity]}.`,
            previous: current.severity,
          },
        ),
      );
    }
    if (statusChange) {
      notifications.push(
        notificationOf(
          updated,
          actor,
          resolving ? "incident.resolved" : "incident.status_changed",
          `incident:${incidentId}:v${updated.version}:status`,
          {
            message: resolving
              ? `Resolved. Root cause: ${updated.rootCause ?? ""}`
              : `Status: ${statusLabels[updated.status]}.`,
            previous: current.status,
          },
        ),
      );
      if (resolving && updated.severity !== "sev3")
        updated.postmortem = await draftPostmortem(tx, actor, updated, now);
    }
    for (const notification of notifications)
      if ((await enqueueNotification(tx, notification)) > 0) notified = true;
    await recordAudit(tx, actor, {
      action: resolving
        ? "incident.resolve"
        : current.status === "resolved" && parsed.status
          ? "incident.reopen"
          : "incident.update",
      targetType: "incident",
      targetId: incidentId,
      details: { number: current.number, changed, fromVersion: current.version },
    });
    return updated;
  });
  await afterCommit(incidentId, "incident", notified);
  return toIncidentView(row);
}

/**
 * Resolving a SEV1 or SEV2 starts its postmortem as a draft; a SEV1's is required within 5 business days
 * (runbook section 5). A SEV3's can be started by hand. The drafting itself is the postmortems domain's.
 */
async function draftPostmortem(
  tx: Tx,
  actor: Actor,
  incident: IncidentRow,
  now: Date,
): Promise<IncidentRow["postmortem"]> {
  const { id } = await draftPostmortemForIncident(tx, incident.id, actor, now);
  return tx.postmortem.findUniqueOrThrow({
    where: { id },
    select: incidentInclude.postmortem.select,
  });
}

/** Starts a postmortem draft by hand (SEV1 and SEV2 incidents get theirs on resolve). */
export async function startPostmortemDraft(
  actor: Actor,
  incidentId: string,
): Promise<IncidentView> {
  await ensurePostmortemDraft(actor, incidentId);
  return getIncident(incidentId);
}

/** The entry an idempotency key already made on this incident, if any. */
function entryByKey(incidentId: string, idempotencyKey: string) {
  return db.timelineEntry.findUnique({
    where: { incidentId_idempotencyKey: { incidentId, idempotencyKey } },
    include: entryInclude,
  });
}

/**
 * Appends one entry (entries are never edited; a correction is a new entry pointing at the old one).
 * The same idempotency key on the same incident yields the same entry, so retries never duplicate.
 */
export async function appendTimelineEntry(
  actor: Actor,
  incidentId: string,
  input: TimelineEntryInput,
): Promise<{ entry: TimelineEntryView; created: boolean }> {
  const parsed = parseInput(timelineEntryInputSchema, input);
  if (!isUuid(incidentId)) throw notFoundError("The incident");
  const now = new Date();
  const occurredAt = parsed.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime() + futureToleranceMs)
    throw validationError({ occurredAt: ["That time is in the future."] });
  if (parsed.idempotencyKey) {
    const existing = await entryByKey(incidentId, parsed.idempotencyKey);
    if (existing) return { entry: toTimelineEntryView(existing), created: false };
  }
  const incident = await db.incident.findUnique({
    where: { id: incidentId },
    select: { id: true },
  });
  if (!incident) throw notFoundError("The incident");
  let correctsId: bigint | null = null;
  if (parsed.correctsId) {
    const original = await db.timelineEntry.findFirst({
      where: { id: BigInt(parsed.correctsId), incidentId },
      select: { id: true },
    });
    if (!original)
      throw validationError({ correctsId: ["That entry is not on this incident's timeline."] });
    correctsId = original.id;
  }
  const [inserted] = await db.timelineEntry.createManyAndReturn({
    data: [
      {
        incidentId,
        kind: correctsId ? "correction" : parsed.kind,
        body: parsed.body,
        details: parsed.stepKey ? { step: parsed.stepKey } : {},
        occurredAt,
        recordedAt: now,
        correctsId,
        stepKey: parsed.stepKey ?? null,
        idempotencyKey: parsed.idempotencyKey ?? null,
        ...authorOf(actor),
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  const created = Boolean(inserted);
  const row = inserted
    ? await db.timelineEntry.findUniqueOrThrow({
        where: { id: inserted.id },
        include: entryInclude,
      })
    : await entryByKey(incidentId, parsed.idempotencyKey as string);
  if (!row) throw notFoundError("The timeline entry");
  // A runbook tick changes the incident's runbook too, which viewers read with the incident.
  if (created)
    await publishIncidentChange([incidentId], row.stepKey ? "incident" : "timeline", [
      row.id.toString(),
    ]);
  return { entry: toTimelineEntryView(row), created };
}

/**
 * A status update (runbook section 5, "communicate"): what is affected, the ETA and the workaround. It is
 * recorded on the timeline, keeps the incident's ETA and workaround current, and goes to every destination.
 */
export async function postStatusUpdate(
  actor: Actor,
  incidentId: string,
  input: StatusUpdateInput,
): Promise<{ entry: TimelineEntryView; created: boolean }> {
  const parsed = parseInput(statusUpdateInputSchema, input);
  if (!isUuid(incidentId)) throw notFoundError("The incident");
  if (parsed.idempotencyKey) {
    const existing = await entryByKey(incidentId, parsed.idempotencyKey);
    if (existing) return { entry: toTimelineEntryView(existing), created: false };
  }
  const now = new Date();
  let notified = false;
  const entryId = await db
    .$transaction(async (tx) => {
      const current = await tx.incident.findUnique({
        where: { id: incidentId },
        include: incidentInclude,
      });
      if (!current) throw notFoundError("The incident");
      const eta = parsed.eta || current.eta;
      const workaround = parsed.workaround || current.workaround;
      if (eta !== current.eta || workaround !== current.workaround) {
        await tx.incident.update({
          where: { id: incidentId },
          data: { eta, workaround, version: { increment: 1 } },
        });
      }
      const affected =
        parsed.affected ||
        current.services
          .map((link) => link.service.name)
          .sort()
          .join(", ");
      const entry = await tx.timelineEntry.create({
        data: {
          incidentId,
          kind: "communication",
          body: parsed.message,
          details: { affected, eta, workaround },
          occurredAt: now,
          recordedAt: now,
          // Ticks the runbook's "communicate" step (section 5) with the real update, not a separate checkbox.
          stepKey: "communicate",
          idempotencyKey: parsed.idempotencyKey ?? null,
          ...authorOf(actor),
        },
        select: { id: true },
      });
      notified =
        (await enqueueNotification(
          tx,
          notificationOf(
            current,
            actor,
            "incident.update_posted",
            `incident:${incidentId}:update:${entry.id}`,
            { message: parsed.message, affected, eta, workaround },
          ),
        )) > 0;
      await recordAudit(tx, actor, {
        action: "incident.update_posted",
        targetType: "incident",
        targetId: incidentId,
        details: { number: current.number, entryId: entry.id.toString() },
      });
      return entry.id;
    })
    .catch((error: unknown) => {
      // The same key sent twice at once: the first one's transaction won; answer with its entry.
      if (parsed.idempotencyKey && isUniqueViolation(error)) return null;
      throw error;
    });
  if (entryId === null) {
    const existing = await entryByKey(incidentId, parsed.idempotencyKey as string);
    if (!existing) throw notFoundError("The timeline entry");
    return { entry: toTimelineEntryView(existing), created: false };
  }
  await afterCommit(incidentId, "incident", notified, [entryId.toString()]);
  const row = await db.timelineEntry.findUniqueOrThrow({
    where: { id: entryId },
    include: entryInclude,
  });
  return { entry: toTimelineEntryView(row), created: true };
}

export type CommandResult =
  { kind: "entry"; entry: TimelineEntryView } | { kind: "incident"; incident: IncidentView };

/**
 * The scribe's one line: plain text is a note; a slash command changes the incident through the same
 * functions as the forms and the API (so a stale version is refused the same way).
 */
export async function runTimelineCommand(
  actor: Actor,
  incidentId: string,
  input: { text: string; version: number; idempotencyKey?: string },
): Promise<CommandResult> {
  const parsed = parseTimelineCommand(input.text);
  if (!parsed.ok) throw validationError({ text: [parsed.error] }, parsed.error);
  const command = parsed.command;
  if (command.kind === "entry") {
    const { entry } = await appendTimelineEntry(actor, incidentId, {
      kind: command.entryKind,
      body: command.body,
      idempotencyKey: input.idempotencyKey,
    });
    return { kind: "entry", entry };
  }
  const change = await incidentChangeOf(command);
  return {
    kind: "incident",
    incident: await updateIncident(actor, incidentId, { version: input.version, ...change }),
  };
}

/** The incident fields a slash command changes; a role names its person, who must be a responder. */
async function incidentChangeOf(
  command: Exclude<TimelineCommand, { kind: "entry" }>,
): Promise<Omit<UpdateIncidentInput, "version">> {
  switch (command.kind) {
    case "status":
      return { status: command.status };
    case "resolve":
      return { status: "resolved", rootCause: command.rootCause };
    case "severity":
      return { severity: command.severity };
    case "title":
      return { title: command.title };
    case "role": {
      const match = matchPerson(await listResponders(), command.person);
      if (!match.ok) throw validationError({ text: [match.error] }, match.error);
      return { [`${command.role}Id`]: match.person.id };
    }
  }
}

/**
 * Health state changes of an open incident's affected services join its timeline by themselves, in the
 * transaction that records them; a health event is added to an incident once.
 */
export async function appendHealthEventsToOpenIncidents(
  tx: Tx,
  healthEventIds: bigint[],
): Promise<string[]> {
  if (healthEventIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ incidentId: string }[]>`
    INSERT INTO "TimelineEntry" ("incidentId", kind, body, details, "occurredAt", "recordedAt", "authorLabel", "healthEventId")
    SELECT i.id, 'health_event', sv.name || ': ' || he.reason,
           jsonb_build_object('serviceId', sv.id, 'serviceName', sv.name, 'event', he.kind, 'status', he.status, 'toState', he."toState"),
           he.at, now(), 'Vigil health checks', he.id
    FROM "HealthEvent" he
    JOIN "IncidentService" link ON link."serviceId" = he."serviceId"
    JOIN "Incident" i ON i.id = link."incidentId" AND i.status <> 'resolved'
    JOIN "Service" sv ON sv.id = he."serviceId"
    WHERE he.id = ANY(${healthEventIds}::bigint[])
    ON CONFLICT DO NOTHING
    RETURNING "incidentId"`;
  return [...new Set(rows.map((row) => row.incidentId))];
}

/**
 * Something done to a service (a deploy, a rollback) joins the timeline of every open incident that affects
 * it, in the caller's transaction; the same idempotency key lands on an incident once. Returns the incidents
 * that got a new entry, for the caller to publish after its commit.
 */
export async function appendServiceEntryToOpenIncidents(
  tx: Tx,
  entry: {
    serviceId: string;
    kind: TimelineKind;
    body: string;
    details?: Prisma.InputJsonValue;
    idempotencyKey: string;
    author: { id: string | null; label: string };
    occurredAt?: Date;
  },
): Promise<string[]> {
  const incidents = await tx.incident.findMany({
    where: { status: { not: "resolved" }, services: { some: { serviceId: entry.serviceId } } },
    select: { id: true },
  });
  if (incidents.length === 0) return [];
  const now = new Date();
  const inserted = await tx.timelineEntry.createManyAndReturn({
    data: incidents.map((incident) => ({
      incidentId: incident.id,
      kind: entry.kind,
      body: entry.body,
      details: entry.details ?? {},
      occurredAt: entry.occurredAt ?? now,
      recordedAt: now,
      authorId: entry.author.id,
      authorLabel: entry.author.label,
      idempotencyKey: entry.idempotencyKey,
    })),
    skipDuplicates: true,
    select: { incidentId: true },
  });
  return [...new Set(inserted.map((row) => row.incidentId))];
}
