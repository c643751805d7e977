import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { publicUrl } from "@/lib/env";
import { AppError, notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  onCallAt,
  type OnCallHandoff,
  type OnCallNow,
  type OnCallRotationEntry,
  type OnCallSchedule,
} from "@/lib/handoffs/on-call";
import type {
  EscalationContactView,
  EscalationLine,
  HandoffDeployLine,
  HandoffDraft,
  HandoffIncidentLine,
  HandoffListFilter,
  HandoffScheduleView,
  HandoffServiceLine,
  HandoffSnapshot,
  HandoffView,
  OnCallRotationView,
} from "@/lib/handoffs/types";
import { defaultHandoffWindow } from "@/lib/handoffs/window";
import { listResponders } from "@/lib/incidents/data";
import type { Severity } from "@/lib/incidents/labels";
import { isUuid } from "@/lib/validation";

type Client = Prisma.TransactionClient;

export const handoffScheduleId = 1;
export const defaultHandoffSchedule: HandoffScheduleView = {
  cadence: "daily",
  hourUtc: 9,
  minuteUtc: 0,
  weekday: 1,
  version: 1,
};
const defaultListLimit = 25;

export const handoffUrl = (handoffId: string) => `${publicUrl()}/handoffs/${handoffId}`;
export const incidentUrl = (incidentId: string) => `${publicUrl()}/incidents/${incidentId}`;
export const deployUrl = (deployNumber: number) => `${publicUrl()}/deploys#deploy-${deployNumber}`;

/** How a person names a release: its version, else its short commit. */
function releaseLabel(version: string | null, commit: string | null): string {
  return version ?? (commit ? commit.slice(0, 7) : "unnamed release");
}

const severityOrder: Record<Severity, number> = { sev1: 0, sev2: 1, sev3: 2 };

/**
 * What the handoff is generated from, read from live rows: the services owned (every enabled one when none are
 * named) with their current state, every open incident (most severe first) and every in-flight deploy (oldest first).
 */
export async function buildHandoffSnapshot(
  serviceIds: string[] | null,
  now: Date = new Date(),
  client: Client = db,
): Promise<HandoffSnapshot> {
  const named = serviceIds !== null && serviceIds.length > 0;
  // One after another: inside a transaction the queries share one connection anyway.
  const services = await client.service.findMany({
    where: named ? { id: { in: serviceIds } } : { enabled: true },
    select: {
      id: true,
      name: true,
      environment: true,
      state: { select: { lastStatus: true, alertState: true, lastReason: true } },
    },
    orderBy: [{ name: "asc" }, { environment: "asc" }],
  });
  const incidents = await client.incident.findMany({
    where: { status: { not: "resolved" } },
    select: {
      id: true,
      number: true,
      title: true,
      severity: true,
      status: true,
      commander: { select: { name: true, email: true } },
    },
    orderBy: { number: "asc" },
  });
  const deploys = await client.deploy.findMany({
    where: { status: "started" },
    select: {
      id: true,
      number: true,
      releaseVersion: true,
      commitSha: true,
      environment: true,
      status: true,
      deployedBy: true,
      startedAt: true,
      link: true,
      service: { select: { name: true } },
    },
    orderBy: [{ startedAt: "asc" }, { number: "asc" }],
  });
  const serviceLines: HandoffServiceLine[] = services.map((service) => ({
    id: service.id,
    name: service.name,
    environment: service.environment,
    status: service.state?.lastStatus ?? "unknown",
    alertState: service.state?.alertState ?? "ok",
    reason:
      service.state?.lastStatus && service.state.lastStatus !== "up"
        ? (service.state.lastReason ?? null)
        : null,
  }));
  const incidentLines: HandoffIncidentLine[] = incidents
    .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.number - b.number)
    .map((incident) => ({
      id: incident.id,
      number: incident.number,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      commander: incident.commander.name || incident.commander.email,
      url: incidentUrl(incident.id),
    }));
  const deployLines: HandoffDeployLine[] = deploys.map((deploy) => ({
    id: deploy.id,
    number: deploy.number,
    service:
      deploy.environment === "production"
        ? deploy.service.name
        : `${deploy.service.name} [${deploy.environment}]`,
    label: releaseLabel(deploy.releaseVersion, deploy.commitSha),
    status: deploy.status,
    deployedBy: deploy.deployedBy,
    startedAt: deploy.startedAt.toISOString(),
    url: deployUrl(deploy.number),
    link: deploy.link,
  }));
  return {
    services: serviceLines,
    incidents: incidentLines,
    deploys: deployLines,
    generatedAt: now.toISOString(),
  };
}

export const handoffInclude = {
  createdBy: { select: { name: true, email: true } },
  acknowledgedBy: { select: { name: true, email: true } },
} satisfies Prisma.HandoffInclude;
export type HandoffRow = Prisma.HandoffGetPayload<{ include: typeof handoffInclude }>;

/** Stored JSON is Vigil's own, but a row from an older shape must not break a page. */
function snapshotOf(raw: unknown): HandoffSnapshot {
  const value = (typeof raw === "object" && raw !== null ? raw : {}) as Partial<HandoffSnapshot>;
  return {
    services: Array.isArray(value.services) ? value.services : [],
    incidents: Array.isArray(value.incidents) ? value.incidents : [],
    deploys: Array.isArray(value.deploys) ? value.deploys : [],
    generatedAt: typeof value.generatedAt === "string" ? value.generatedAt : "",
  };
}

export function escalationOf(raw: unknown): EscalationLine[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (item): item is { name: string; contact?: unknown } =>
        typeof item === "object" &&
        item !== null &&
        typeof (item as { name?: unknown }).name === "string",
    )
    .map((item) => ({
      name: item.name,
      contact: typeof item.contact === "string" ? item.contact : "",
    }));
}

const personName = (person: { name: string; email: string } | null) =>
  person ? person.name || person.email : null;

/** `overdue`: not acknowledged although its window has started. */
export function toHandoffView(row: HandoffRow, now: Date = new Date()): HandoffView {
  return {
    id: row.id,
    number: row.number,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    outgoing: { id: row.outgoingId, name: row.outgoingLabel },
    incoming: { id: row.incomingId, name: row.incomingLabel },
    snapshot: snapshotOf(row.snapshot),
    manualDeploys: row.manualDeploys,
    knownRisks: row.knownRisks,
    escalation: escalationOf(row.escalation),
    notes: row.notes,
    text: row.text,
    createdBy: personName(row.createdBy) ?? "someone no longer in Vigil",
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: row.acknowledgedAt
      ? (personName(row.acknowledgedBy) ?? row.incomingLabel)
      : null,
    overdue: row.acknowledgedAt === null && row.windowStart.getTime() <= now.getTime(),
  };
}

export async function getHandoff(handoffId: string, now: Date = new Date()): Promise<HandoffView> {
  if (!isUuid(handoffId)) throw notFoundError("The handoff");
  const row = await db.handoff.findUnique({ where: { id: handoffId }, include: handoffInclude });
  if (!row) throw notFoundError("The handoff");
  return toHandoffView(row, now);
}

/** "HO-12", "ho12" or "12" name a handoff by its number. */
function numberIn(q: string): number | null {
  const match = /^(?:ho-?)?(\d{1,9})$/i.exec(q.trim());
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * Newest window first. `q` searches the filled-in text (services, incidents, deploys, risks, escalation, notes: what
 * was typed, as stored), the outgoing and incoming names and the number ("HO-12"). `before` is the number of the last
 * handoff of the previous page.
 */
export async function listHandoffs(
  filter: Partial<HandoffListFilter> = {},
  now: Date = new Date(),
): Promise<{ handoffs: HandoffView[]; nextBefore: number | null }> {
  const limit = filter.limit ?? defaultListLimit;
  const q = filter.q?.trim();
  const number = q ? numberIn(q) : null;
  const search: Prisma.HandoffWhereInput = q
    ? {
        OR: [
          { text: { contains: q, mode: "insensitive" } },
          { outgoingLabel: { contains: q, mode: "insensitive" } },
          { incomingLabel: { contains: q, mode: "insensitive" } },
          { notes: { contains: q, mode: "insensitive" } },
          ...(number === null ? [] : [{ number }]),
        ],
      }
    : {};
  let page: Prisma.HandoffWhereInput = {};
  if (filter.before) {
    const last = await db.handoff.findUnique({
      where: { number: filter.before },
      select: { windowStart: true },
    });
    page = last
      ? {
          OR: [
            { windowStart: { lt: last.windowStart } },
            { windowStart: last.windowStart, number: { lt: filter.before } },
          ],
        }
      : { number: { lt: filter.before } };
  }
  const rows = await db.handoff.findMany({
    where: { AND: [search, page] },
    include: handoffInclude,
    orderBy: [{ windowStart: "desc" }, { number: "desc" }],
    take: limit + 1,
  });
  const shown = rows.slice(0, limit);
  return {
    handoffs: shown.map((row) => toHandoffView(row, now)),
    nextBefore: rows.length > limit ? (shown.at(-1)?.number ?? null) : null,
  };
}

/** The rotation in shift order, with who is disabled (their shifts pass to the next enabled member). */
export async function listOnCallRotation(client: Client = db): Promise<OnCallRotationEntry[]> {
  const rows = await client.onCallRotationMember.findMany({
    orderBy: { position: "asc" },
    select: { user: { select: { id: true, name: true, email: true, disabled: true } } },
  });
  return rows.map(({ user }) => ({
    id: user.id,
    name: user.name || user.email,
    disabled: user.disabled,
  }));
}

/** The schedule with the moment the rotation counts its shifts from (null until someone saves a rotation). */
export async function getOnCallSchedule(client: Client = db): Promise<OnCallSchedule> {
  const [schedule, row] = await Promise.all([
    getHandoffSchedule(client),
    client.handoffSchedule.findUnique({
      where: { id: handoffScheduleId },
      select: { rotationStartsAt: true },
    }),
  ]);
  return { ...schedule, rotationStartsAt: row?.rotationStartsAt ?? null };
}

export async function getOnCallRotation(client: Client = db): Promise<OnCallRotationView> {
  const [schedule, rotation] = await Promise.all([
    getOnCallSchedule(client),
    listOnCallRotation(client),
  ]);
  return {
    rotation,
    rotationStartsAt: schedule.rotationStartsAt?.toISOString() ?? null,
    version: schedule.version,
  };
}

/**
 * Who is on call at `at`, and why: the one answer the header, the handoff form, the API and the CLI give. Reads the
 * handoff covering `at` and the next one to start (where a rotation shift is cut short), then applies `onCallAt`.
 */
export async function getOnCallNow(at: Date = new Date()): Promise<OnCallNow> {
  const select = {
    id: true,
    number: true,
    incomingId: true,
    incomingLabel: true,
    windowStart: true,
    windowEnd: true,
    acknowledgedAt: true,
  } as const;
  const [covering, next, schedule, rotation] = await Promise.all([
    db.handoff.findFirst({
      where: { windowStart: { lte: at }, windowEnd: { gt: at } },
      select,
      orderBy: [{ windowStart: "desc" }, { number: "desc" }],
    }),
    db.handoff.findFirst({
      where: { windowStart: { gt: at } },
      select,
      orderBy: [{ windowStart: "asc" }, { number: "desc" }],
    }),
    getOnCallSchedule(),
    listOnCallRotation(),
  ]);
  const handoffs: OnCallHandoff[] = [covering, next]
    .filter((row) => row !== null)
    .map((row) => ({
      id: row.id,
      number: row.number,
      incoming: { id: row.incomingId, name: row.incomingLabel },
      windowStart: row.windowStart,
      windowEnd: row.windowEnd,
      acknowledged: row.acknowledgedAt !== null,
    }));
  return onCallAt(at, { handoffs, schedule, rotation });
}

/** When shifts change: daily at 09:00 UTC until an admin sets it. */
export async function getHandoffSchedule(client: Client = db): Promise<HandoffScheduleView> {
  const row = await client.handoffSchedule.findUnique({ where: { id: handoffScheduleId } });
  if (!row) return { ...defaultHandoffSchedule };
  return {
    cadence: row.cadence,
    hourUtc: row.hourUtc,
    minuteUtc: row.minuteUtc,
    weekday: row.weekday,
    version: row.version,
  };
}

/** What a contact row is read with: the linked person and how many contact methods they have enabled. */
export const escalationContactInclude = {
  user: {
    select: {
      id: true,
      name: true,
      email: true,
      disabled: true,
      _count: { select: { contactMethods: { where: { enabled: true } } } },
    },
  },
} as const;

type EscalationContactRow = {
  id: string;
  name: string;
  contact: string;
  role: string;
  position: number;
  userId?: string | null;
  user?: {
    id: string;
    name: string;
    email: string;
    disabled: boolean;
    _count: { contactMethods: number };
  } | null;
};

export function toEscalationContactView(row: EscalationContactRow): EscalationContactView {
  const user = row.user
    ? {
        id: row.user.id,
        name: row.user.name || row.user.email,
        disabled: row.user.disabled,
        enabledMethods: row.user._count.contactMethods,
      }
    : null;
  return {
    id: row.id,
    name: row.name,
    contact: row.contact,
    role: row.role,
    position: row.position,
    userId: row.userId ?? null,
    user,
  };
}

/** In the order people are called: by position, then the oldest first. */
export async function listEscalationContacts(
  client: Client = db,
): Promise<EscalationContactView[]> {
  const rows = await client.escalationContact.findMany({
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { name: "asc" }],
    include: escalationContactInclude,
  });
  return rows.map(toEscalationContactView);
}

/**
 * Everything the new-handoff form starts with: the window from the schedule, the caller as outgoing, the incoming
 * on call when the window starts (else the one other responder, if there is only one), the live snapshot and the
 * first escalation contact.
 */
export async function getHandoffDraft(actor: Actor, now: Date = new Date()): Promise<HandoffDraft> {
  const [schedule, people, contacts, snapshot] = await Promise.all([
    getHandoffSchedule(),
    listResponders(),
    listEscalationContacts(),
    buildHandoffSnapshot(null, now),
  ]);
  const window = defaultHandoffWindow(schedule, now);
  const outgoing = people.find((person) => person.id === actor.id) ?? null;
  const others = people.filter((person) => person.id !== actor.id);
  const onCallThen = await getOnCallNow(window.start);
  const scheduled = others.find((person) => person.id === onCallThen.person?.id);
  const [first] = contacts;
  return {
    windowStart: window.start.toISOString(),
    windowEnd: window.end.toISOString(),
    outgoing,
    incoming: scheduled ?? (others.length === 1 ? (others[0] ?? null) : null),
    snapshot,
    escalation: first ? [{ name: first.name, contact: first.contact }] : [],
    contacts,
    people,
  };
}

/** For pages: the handoff or null for an unknown id (the page calls notFound()); one read per request for metadata and page. */
export const findHandoff = cache(async (handoffId: string): Promise<HandoffView | null> => {
  try {
    return await getHandoff(handoffId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
});

/** The outbox key of a handoff's one notification: how its deliveries are found again. */
export const handoffEventKey = (handoffId: string) => `handoff:${handoffId}:created`;

/** Where the handoff was sent when it was created: how many webhooks, and whether the HoloMesh team feed. */
export async function getHandoffPostings(
  handoffId: string,
): Promise<{ webhooks: number; feed: boolean }> {
  const rows = await db.outboxDelivery.findMany({
    where: { eventKey: handoffEventKey(handoffId) },
    select: { destination: true },
  });
  return {
    webhooks: rows.filter((row) => row.destination.startsWith("webhook:")).length,
    feed: rows.some((row) => row.destination.startsWith("holomesh:")),
  };
}
