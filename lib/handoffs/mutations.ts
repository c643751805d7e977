import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import {
  conflictError,
  forbiddenError,
  isUniqueViolation,
  notFoundError,
  validationError,
  type FieldErrors,
} from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  buildHandoffSnapshot,
  escalationContactInclude,
  getHandoffSchedule,
  getOnCallRotation,
  handoffEventKey,
  handoffInclude,
  handoffScheduleId,
  handoffUrl,
  toEscalationContactView,
  toHandoffView,
} from "@/lib/handoffs/data";
import { renderHandoffText } from "@/lib/handoffs/render";
import { previousShiftChange } from "@/lib/handoffs/window";
import { handoffNotificationEvent } from "@/lib/handoffs/labels";
import {
  createHandoffSchema,
  escalationContactSchema,
  updateHandoffScheduleSchema,
  updateOnCallRotationSchema,
} from "@/lib/handoffs/schema";
import type {
  CreateHandoffInput,
  EscalationContactInput,
  EscalationContactView,
  HandoffScheduleView,
  HandoffView,
  OnCallRotationView,
  UpdateHandoffScheduleInput,
  UpdateOnCallRotationInput,
} from "@/lib/handoffs/types";
import { enqueueNotification, nudgeOutbox } from "@/lib/notifications/outbox";
import type { HandoffNotification } from "@/lib/notifications/types";
import { isUuid, parseInput } from "@/lib/validation";

type Tx = Prisma.TransactionClient;
type Person = { id: string; name: string; email: string };

/** The outgoing and incoming on-call are enabled users who may respond; every problem is reported against its field. */
async function onCallPeople(
  tx: Tx,
  wanted: { outgoingId: string; incomingId: string },
): Promise<{ outgoing: Person; incoming: Person }> {
  const users = await tx.user.findMany({
    where: { id: { in: [wanted.outgoingId, wanted.incomingId] } },
    select: { id: true, name: true, email: true, role: true, disabled: true },
  });
  const fields: FieldErrors = {};
  const found: Partial<Record<"outgoingId" | "incomingId", Person>> = {};
  for (const field of ["outgoingId", "incomingId"] as const) {
    const user = users.find((candidate) => candidate.id === wanted[field]);
    if (!user) fields[field] = ["No such user."];
    else if (user.disabled) fields[field] = ["That user is disabled."];
    else if (!hasRole(user.role, "responder"))
      fields[field] = ["On-call needs the responder role or above."];
    else found[field] = { id: user.id, name: user.name, email: user.email };
  }
  if (!found.outgoingId || !found.incomingId) throw validationError(fields);
  return { outgoing: found.outgoingId, incoming: found.incomingId };
}

async function assertServices(tx: Tx, serviceIds: string[]): Promise<void> {
  if (serviceIds.length === 0) return;
  const found = await tx.service.count({ where: { id: { in: serviceIds } } });
  if (found !== serviceIds.length)
    throw validationError({ serviceIds: ["One of the services does not exist (any more)."] });
}

const label = (person: Person) => person.name || person.email;

async function replayed(idempotencyKey: string | undefined): Promise<HandoffView | null> {
  if (!idempotencyKey) return null;
  const existing = await db.handoff.findUnique({
    where: { idempotencyKey },
    include: handoffInclude,
  });
  return existing ? toHandoffView(existing) : null;
}

/**
 * Records a handoff. The snapshot (services and their state, open incidents, in-flight deploys) is rebuilt here
 * from live rows, never taken from the client, and the template is rendered and stored: what was copied, posted
 * and acknowledged stays what it was. In the same transaction: the audit row and the `handoff.created`
 * notification for webhooks and, unless `postToFeed` is false, the HoloMesh team feed as a `handoff` message.
 * The same idempotency key always yields the same handoff.
 */
export async function createHandoff(
  actor: Actor,
  input: CreateHandoffInput,
): Promise<{ handoff: HandoffView; created: boolean }> {
  const parsed = parseInput(createHandoffSchema, input);
  const earlier = await replayed(parsed.idempotencyKey);
  if (earlier) return { handoff: earlier, created: false };
  const serviceIds = [...new Set(parsed.serviceIds)];
  const now = new Date();
  let notified = false;
  try {
    const row = await db.$transaction(async (tx) => {
      const { outgoing, incoming } = await onCallPeople(tx, parsed);
      await assertServices(tx, serviceIds);
      const snapshot = await buildHandoffSnapshot(serviceIds, now, tx);
      const escalation = parsed.escalation.map((line) => ({
        name: line.name,
        contact: line.contact,
      }));
      const text = renderHandoffText({
        windowStart: parsed.windowStart.toISOString(),
        windowEnd: parsed.windowEnd.toISOString(),
        snapshot,
        manualDeploys: parsed.manualDeploys,
        knownRisks: parsed.knownRisks,
        escalation,
        notes: parsed.notes,
      });
      const created = await tx.handoff.create({
        data: {
          windowStart: parsed.windowStart,
          windowEnd: parsed.windowEnd,
          outgoingId: outgoing.id,
          outgoingLabel: label(outgoing),
          incomingId: incoming.id,
          incomingLabel: label(incoming),
          snapshot: snapshot as unknown as Prisma.InputJsonValue,
          manualDeploys: parsed.manualDeploys,
          knownRisks: parsed.knownRisks,
          escalation,
          notes: parsed.notes,
          text,
          createdById: actor.id,
          idempotencyKey: parsed.idempotencyKey ?? null,
          createdAt: now,
        },
        include: handoffInclude,
      });
      await recordAudit(tx, actor, {
        action: "handoff.create",
        targetType: "handoff",
        targetId: created.id,
        details: {
          number: created.number,
          windowStart: created.windowStart.toISOString(),
          windowEnd: created.windowEnd.toISOString(),
          outgoing: created.outgoingLabel,
          incoming: created.incomingLabel,
          openIncidents: snapshot.incidents.length,
          inFlightDeploys: snapshot.deploys.length,
          postToFeed: parsed.postToFeed,
        },
      });
      const notification: HandoffNotification = {
        event: handoffNotificationEvent,
        eventKey: handoffEventKey(created.id),
        occurredAt: now.toISOString(),
        actor: actor.name || actor.email,
        handoff: {
          id: created.id,
          number: created.number,
          url: handoffUrl(created.id),
          windowStart: created.windowStart.toISOString(),
          windowEnd: created.windowEnd.toISOString(),
          outgoing: created.outgoingLabel,
          incoming: created.incomingLabel,
          text,
        },
      };
      notified = (await enqueueNotification(tx, notification, { feed: parsed.postToFeed })) > 0;
      return created;
    });
    if (notified) nudgeOutbox();
    return { handoff: toHandoffView(row, now), created: true };
  } catch (error) {
    if (parsed.idempotencyKey && isUniqueViolation(error)) {
      const existing = await replayed(parsed.idempotencyKey);
      if (existing) return { handoff: existing, created: false };
    }
    throw error;
  }
}

/**
 * The incoming on-call says they have it (the time is recorded). Nobody else may; a second acknowledgement
 * changes nothing. The write is conditional on it not being acknowledged yet, so a double click records one.
 */
export async function acknowledgeHandoff(actor: Actor, handoffId: string): Promise<HandoffView> {
  if (!isUuid(handoffId)) throw notFoundError("The handoff");
  const now = new Date();
  const row = await db.$transaction(async (tx) => {
    const current = await tx.handoff.findUnique({
      where: { id: handoffId },
      include: handoffInclude,
    });
    if (!current) throw notFoundError("The handoff");
    if (current.incomingId !== actor.id)
      throw forbiddenError(
        `Only the incoming on-call (${current.incomingLabel}) can acknowledge this handoff.`,
      );
    if (current.acknowledgedAt) return current;
    const { count } = await tx.handoff.updateMany({
      where: { id: handoffId, acknowledgedAt: null },
      data: { acknowledgedAt: now, acknowledgedById: actor.id },
    });
    if (count > 0) {
      await recordAudit(tx, actor, {
        action: "handoff.acknowledge",
        targetType: "handoff",
        targetId: handoffId,
        details: { number: current.number, late: current.windowStart.getTime() < now.getTime() },
      });
    }
    return tx.handoff.findUniqueOrThrow({ where: { id: handoffId }, include: handoffInclude });
  });
  return toHandoffView(row, now);
}

/** When shifts change. A conditional write on the version the editor saw: a stale one is refused with 409 and the current schedule. */
export async function updateHandoffSchedule(
  actor: Actor | AuditActor,
  input: UpdateHandoffScheduleInput,
): Promise<HandoffScheduleView> {
  const parsed = parseInput(updateHandoffScheduleSchema, input);
  return db.$transaction(async (tx) => {
    // The row is created at version 1 the first time anyone saves; the page offers version 1 before that.
    await tx.handoffSchedule.upsert({
      where: { id: handoffScheduleId },
      create: { id: handoffScheduleId },
      update: {},
    });
    const { count } = await tx.handoffSchedule.updateMany({
      where: { id: handoffScheduleId, version: parsed.version },
      data: {
        cadence: parsed.cadence,
        hourUtc: parsed.hourUtc,
        minuteUtc: parsed.minuteUtc,
        weekday: parsed.weekday,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await getHandoffSchedule(tx);
      throw conflictError(
        "Someone changed the handoff schedule since you opened it. Reload to see their change.",
        undefined,
        { current },
      );
    }
    const schedule = await getHandoffSchedule(tx);
    await recordAudit(tx, actor, {
      action: "handoff.schedule_update",
      targetType: "handoff_schedule",
      targetId: String(handoffScheduleId),
      details: {
        cadence: schedule.cadence,
        hourUtc: schedule.hourUtc,
        minuteUtc: schedule.minuteUtc,
        weekday: schedule.weekday,
        version: schedule.version,
      },
    });
    return schedule;
  });
}

/**
 * The ordered rotation and the moment it counts from (lead and up), saved whole on the schedule's version: a stale
 * version is refused with 409 and the current rotation. Without a start, the shift running now is the first one.
 */
export async function updateOnCallRotation(
  actor: Actor,
  input: UpdateOnCallRotationInput,
  now: Date = new Date(),
): Promise<OnCallRotationView> {
  if (!hasRole(actor.role, "lead"))
    throw forbiddenError("Editing the rotation needs the lead role or above.");
  const parsed = parseInput(updateOnCallRotationSchema, input);
  return db.$transaction(async (tx) => {
    const users = await tx.user.findMany({
      where: { id: { in: parsed.rotation } },
      select: { id: true, role: true, disabled: true },
    });
    const problems = parsed.rotation.flatMap((id) => {
      const user = users.find((candidate) => candidate.id === id);
      if (!user) return ["One of the people no longer exists."];
      if (user.disabled) return ["A disabled user cannot join the rotation."];
      if (!hasRole(user.role, "responder")) return ["On-call needs the responder role or above."];
      return [];
    });
    if (problems.length > 0) throw validationError({ rotation: [...new Set(problems)] });
    await tx.handoffSchedule.upsert({
      where: { id: handoffScheduleId },
      create: { id: handoffScheduleId },
      update: {},
    });
    const current = await tx.handoffSchedule.findUniqueOrThrow({
      where: { id: handoffScheduleId },
    });
    const startsAt =
      parsed.rotationStartsAt ??
      current.rotationStartsAt ??
      previousShiftChange(await getHandoffSchedule(tx), now);
    const { count } = await tx.handoffSchedule.updateMany({
      where: { id: handoffScheduleId, version: parsed.version },
      data: { rotationStartsAt: startsAt, version: { increment: 1 } },
    });
    if (count === 0) {
      throw conflictError(
        "Someone changed the on-call schedule since you opened it. Reload to see their change.",
        undefined,
        { current: await getOnCallRotation(tx) },
      );
    }
    await tx.onCallRotationMember.deleteMany({});
    await tx.onCallRotationMember.createMany({
      data: parsed.rotation.map((userId, position) => ({ userId, position })),
    });
    const saved = await getOnCallRotation(tx);
    await recordAudit(tx, actor, {
      action: "handoff.rotation_update",
      targetType: "handoff_schedule",
      targetId: String(handoffScheduleId),
      details: {
        rotation: parsed.rotation,
        rotationStartsAt: saved.rotationStartsAt,
        version: saved.version,
      },
    });
    return saved;
  });
}

const sentFields = (input: unknown): Record<string, unknown> =>
  typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};

/** The person linked to a contact exists and is not disabled (422 on `userId`). */
async function assertContactUser(tx: Tx, userId: string | null): Promise<void> {
  if (userId === null) return;
  const user = await tx.user.findUnique({ where: { id: userId }, select: { disabled: true } });
  if (!user) throw validationError({ userId: ["That person is no longer in Vigil."] });
  if (user.disabled)
    throw validationError({ userId: ["That person is disabled: pages would not reach them."] });
}

/** A new contact goes to the end of the list unless a position is given. */
export async function createEscalationContact(
  actor: Actor | AuditActor,
  input: EscalationContactInput,
): Promise<EscalationContactView> {
  const parsed = parseInput(escalationContactSchema, input);
  const positioned = sentFields(input).position !== undefined && sentFields(input).position !== "";
  return db.$transaction(async (tx) => {
    const last = positioned
      ? null
      : await tx.escalationContact.aggregate({ _max: { position: true } });
    const position = positioned
      ? parsed.position
      : Math.min((last?._max.position ?? -1) + 1, 1_000);
    await assertContactUser(tx, parsed.userId);
    const created = await tx.escalationContact.create({
      data: {
        name: parsed.name,
        contact: parsed.contact,
        role: parsed.role,
        position,
        userId: parsed.userId,
      },
      include: escalationContactInclude,
    });
    await recordAudit(tx, actor, {
      action: "escalation_contact.create",
      targetType: "escalation_contact",
      targetId: created.id,
      details: { name: created.name, role: created.role, position, userId: created.userId },
    });
    return toEscalationContactView(created);
  });
}

/** Fields not sent keep their values. */
export async function updateEscalationContact(
  actor: Actor | AuditActor,
  contactId: string,
  input: Partial<EscalationContactInput>,
): Promise<EscalationContactView> {
  if (!isUuid(contactId)) throw notFoundError("The escalation contact");
  return db.$transaction(async (tx) => {
    const current = await tx.escalationContact.findUnique({ where: { id: contactId } });
    if (!current) throw notFoundError("The escalation contact");
    const sent = sentFields(input);
    const parsed = parseInput(escalationContactSchema, {
      name: sent.name ?? current.name,
      contact: sent.contact ?? current.contact,
      role: sent.role ?? current.role,
      position: sent.position ?? current.position,
      userId: sent.userId !== undefined ? sent.userId : current.userId,
    });
    if (parsed.userId !== current.userId) await assertContactUser(tx, parsed.userId);
    const updated = await tx.escalationContact.update({
      where: { id: contactId },
      data: parsed,
      include: escalationContactInclude,
    });
    await recordAudit(tx, actor, {
      action: "escalation_contact.update",
      targetType: "escalation_contact",
      targetId: contactId,
      details: {
        name: updated.name,
        role: updated.role,
        position: updated.position,
        userId: updated.userId,
      },
    });
    return toEscalationContactView(updated);
  });
}

export async function deleteEscalationContact(
  actor: Actor | AuditActor,
  contactId: string,
): Promise<void> {
  if (!isUuid(contactId)) throw notFoundError("The escalation contact");
  await db.$transaction(async (tx) => {
    const current = await tx.escalationContact.findUnique({ where: { id: contactId } });
    if (!current) throw notFoundError("The escalation contact");
    await tx.escalationContact.delete({ where: { id: contactId } });
    await recordAudit(tx, actor, {
      action: "escalation_contact.delete",
      targetType: "escalation_contact",
      targetId: contactId,
      details: { name: current.name },
    });
  });
}
