import "server-only";
import { recordAudit } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError, conflictError, forbiddenError, notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getIncident } from "@/lib/incidents/data";
import { declareIncident } from "@/lib/incidents/mutations";
import type { IncidentView } from "@/lib/incidents/types";
import { publishPageChange } from "@/lib/live/bus";
import { ackPageSchema, declareFromPageSchema, listPagesQuerySchema } from "@/lib/paging/schema";
import type { AckVia, DeclareFromPageInput, ListPagesQuery, PageView } from "@/lib/paging/types";
import { parseStep, summarizeRecipients } from "@/lib/paging/page-notifications";
import { isUuid, parseInput } from "@/lib/validation";
import { formatUtcTime } from "@/lib/time/format";

const pageInclude = {
  service: { select: { name: true } },
  acknowledgedBy: { select: { id: true, name: true, email: true } },
  incident: { select: { id: true, number: true, title: true } },
  notifications: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.PageInclude;
type PageRow = Prisma.PageGetPayload<{ include: typeof pageInclude }>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toPageView(row: PageRow): PageView {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    level: row.level,
    state: row.state,
    title: row.title,
    reason: row.reason,
    serviceId: row.serviceId,
    serviceName: row.service?.name ?? null,
    escalationLevel: row.escalationLevel,
    round: row.round,
    nextEscalationAt: iso(row.nextEscalationAt),
    triggeredAt: row.triggeredAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy
      ? { id: row.acknowledgedBy.id, name: row.acknowledgedBy.name || row.acknowledgedBy.email }
      : null,
    acknowledgedVia: row.acknowledgedVia,
    timeToAcknowledgeSeconds: row.acknowledgedAt
      ? Math.max(0, Math.round((row.acknowledgedAt.getTime() - row.triggeredAt.getTime()) / 1000))
      : null,
    resolvedAt: iso(row.resolvedAt),
    resolvedReason: row.resolvedReason,
    unreachableAt: iso(row.unreachableAt),
    unreachableReason: row.unreachableReason,
    incident: row.incident,
    version: row.version,
    notifications: row.notifications.map((item) => {
      const step = parseStep(item.step);
      return {
        id: item.id.toString(),
        step: item.step,
        level: step?.level ?? null,
        round: step?.round ?? null,
        userId: item.userId,
        recipient: item.recipient,
        channel: item.channel,
        target: item.target,
        status: item.status,
        error: item.error,
        attempts: item.attempts,
        createdAt: item.createdAt.toISOString(),
        deliveredAt: iso(item.deliveredAt),
      };
    }),
  };
}

/** A page named by its id or its number ("12" or "#12"). */
export async function findPageId(reference: string): Promise<string> {
  const trimmed = reference.trim().replace(/^#/, "");
  if (isUuid(trimmed)) {
    const row = await db.page.findUnique({ where: { id: trimmed }, select: { id: true } });
    if (row) return row.id;
  } else if (/^\d{1,9}$/.test(trimmed)) {
    const row = await db.page.findUnique({
      where: { number: Number(trimmed) },
      select: { id: true },
    });
    if (row) return row.id;
  }
  throw notFoundError("The page");
}

export async function getPage(reference: string): Promise<PageView> {
  const id = await findPageId(reference);
  const row = await db.page.findUnique({ where: { id }, include: pageInclude });
  if (!row) throw notFoundError("The page");
  return toPageView(row);
}

/** Newest first; `open` is every page not yet resolved; `before` is a page number from the previous list. */
export async function listPages(
  query: ListPagesQuery,
): Promise<{ pages: PageView[]; nextBefore: number | null }> {
  const parsed = parseInput(listPagesQuerySchema, query);
  const state: Prisma.PageWhereInput =
    parsed.state === "open"
      ? { state: { in: ["triggered", "acknowledged"] } }
      : parsed.state === "all"
        ? {}
        : { state: parsed.state };
  const rows = await db.page.findMany({
    where: { ...state, ...(parsed.before ? { number: { lt: parsed.before } } : {}) },
    include: pageInclude,
    orderBy: { number: "desc" },
    take: parsed.limit + 1,
  });
  const pages = rows.slice(0, parsed.limit).map(toPageView);
  return { pages, nextBefore: rows.length > parsed.limit ? (pages.at(-1)?.number ?? null) : null };
}

export async function countOpenPages(): Promise<{ triggered: number; acknowledged: number }> {
  const groups = await db.page.groupBy({
    by: ["state"],
    where: { state: { in: ["triggered", "acknowledged"] } },
    _count: { _all: true },
  });
  const count = (state: string) => groups.find((group) => group.state === state)?._count._all ?? 0;
  return { triggered: count("triggered"), acknowledged: count("acknowledged") };
}

/** What the overview's banner shows, oldest first so the longest-waiting page is on top. */
export async function listUnacknowledgedPages(limit = 20): Promise<PageView[]> {
  const rows = await db.page.findMany({
    where: { state: "triggered" },
    include: pageInclude,
    orderBy: { triggeredAt: "asc" },
    take: limit,
  });
  return rows.map(toPageView);
}

function assertResponder(actor: Actor, what: string): void {
  if (!hasRole(actor.role, "responder"))
    throw forbiddenError(`${what} needs the responder role or above; you have ${actor.role}.`);
}

function refuseAck(current: {
  state: string;
  acknowledgedById: string | null;
  acknowledgedBy: { name: string; email: string } | null;
  number: number;
}): never {
  if (current.state === "resolved")
    throw conflictError(
      `Page #${current.number} is already resolved; there is nothing to acknowledge.`,
      undefined,
      { state: current.state },
    );
  const who = current.acknowledgedBy
    ? current.acknowledgedBy.name || current.acknowledgedBy.email
    : "someone else";
  throw conflictError(`Page #${current.number} was already acknowledged by ${who}.`, undefined, {
    state: current.state,
    acknowledgedById: current.acknowledgedById,
  });
}

/**
 * Acknowledges a triggered page and stops its escalation. Acknowledging again as the same person is a no-op
 * success (a double click, a retried call); acknowledged by someone else or resolved is a 409, as is a stale version.
 */
export async function ackPage(
  actor: Actor,
  reference: string,
  options: { via: AckVia; version?: number | string },
): Promise<{ page: PageView; changed: boolean }> {
  assertResponder(actor, "Acknowledging a page");
  const { version } = parseInput(ackPageSchema, {
    version: options.version === "" ? undefined : options.version,
  });
  const id = await findPageId(reference);
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const current = await tx.page.findUnique({
      where: { id },
      include: { acknowledgedBy: { select: { name: true, email: true } } },
    });
    if (!current) throw notFoundError("The page");
    if (current.state === "acknowledged" && current.acknowledgedById === actor.id)
      return { changed: false, title: current.title };
    if (current.state !== "triggered") refuseAck(current);
    if (version !== undefined && version !== current.version) {
      throw conflictError(
        `Page #${current.number} changed since you loaded it (you saw version ${version}, it is now at ${current.version}); reload it and try again.`,
        undefined,
        {
          version: current.version,
        },
      );
    }
    const updated = await tx.page.updateMany({
      where: { id, state: "triggered", version: current.version },
      data: {
        state: "acknowledged",
        acknowledgedAt: now,
        acknowledgedById: actor.id,
        acknowledgedVia: options.via,
        nextEscalationAt: null,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) {
      // Someone acknowledged or the engine resolved it between our read and our write: answer as of now.
      const latest = await tx.page.findUniqueOrThrow({
        where: { id },
        include: { acknowledgedBy: { select: { name: true, email: true } } },
      });
      if (latest.state === "acknowledged" && latest.acknowledgedById === actor.id)
        return { changed: false, title: latest.title };
      if (latest.state !== "triggered") refuseAck(latest);
      throw conflictError(`Page #${current.number} changed while you acknowledged it; try again.`);
    }
    await recordAudit(tx, actor, {
      action: "page.acknowledge",
      targetType: "page",
      targetId: id,
      details: {
        number: current.number,
        title: current.title,
        via: options.via,
        escalationLevel: current.escalationLevel,
        triggeredAt: current.triggeredAt.toISOString(),
      },
    });
    return { changed: true, title: current.title };
  });
  if (result.changed)
    await publishPageChange({ pageId: id, what: "acknowledged", title: result.title, userIds: [] });
  return { page: await getPage(id), changed: result.changed };
}

class AlreadyDeclared extends Error {}

/** The page's story as incident timeline entries: opened, who was paged when and how, who acknowledged. */
function pageTimelineEntries(page: PageView) {
  type Entry = {
    kind: "health_event";
    body: string;
    details: Prisma.InputJsonValue;
    occurredAt: Date;
  };
  const entries: Entry[] = [
    {
      kind: "health_event",
      body: `Page #${page.number} opened: ${page.title}${page.reason ? ` (${page.reason})` : ""}.`,
      details: { pageId: page.id, pageNumber: page.number, event: "opened" },
      occurredAt: new Date(page.triggeredAt),
    },
  ];
  for (const group of summarizeRecipients(page.notifications)) {
    const at = new Date(group.at);
    const what =
      group.step === "recovered"
        ? `Told ${group.recipient} the service recovered`
        : `Paged ${group.recipient}`;
    const level = group.level ? `, level ${group.level}` : "";
    const failed = group.failed.length
      ? `; could not reach by ${group.failed.map((item) => `${item.channel}${item.error ? `: ${item.error}` : ""}`).join(", ")}`
      : "";
    entries.push({
      kind: "health_event",
      body: `${what} ${formatUtcTime(at)} (${group.channels.join(", ")}${level})${failed}.`,
      details: {
        pageId: page.id,
        pageNumber: page.number,
        event: "notified",
        step: group.step,
        recipient: group.recipient,
        channels: group.channels,
      },
      occurredAt: at,
    });
  }
  if (page.acknowledgedAt && page.acknowledgedBy) {
    entries.push({
      kind: "health_event",
      body: `Acknowledged by ${page.acknowledgedBy.name} ${formatUtcTime(new Date(page.acknowledgedAt))}${page.acknowledgedVia ? ` (${page.acknowledgedVia})` : ""}.`,
      details: {
        pageId: page.id,
        pageNumber: page.number,
        event: "acknowledged",
        by: page.acknowledgedBy.name,
      },
      occurredAt: new Date(page.acknowledgedAt),
    });
  }
  return entries;
}

/**
 * One click from a page to an incident: declared with the page's service and story on its timeline, and linked
 * from the page, in one transaction. Declaring again (or twice at once) answers the incident already linked.
 */
export async function declareIncidentFromPage(
  actor: Actor,
  reference: string,
  input: DeclareFromPageInput = {},
): Promise<{ incident: IncidentView; page: PageView; created: boolean }> {
  assertResponder(actor, "Declaring an incident");
  const parsed = parseInput(declareFromPageSchema, input ?? {});
  const page = await getPage(reference);
  if (page.incident) return { incident: await getIncident(page.incident.id), page, created: false };
  try {
    const { incident } = await declareIncident(
      actor,
      {
        title: page.title,
        severity: parsed.severity,
        serviceIds: page.serviceId ? [page.serviceId] : [],
        summary: `Declared from page #${page.number}: ${page.reason || page.title}`,
      },
      async (tx, created) => {
        const linked = await tx.page.updateMany({
          where: { id: page.id, incidentId: null },
          data: { incidentId: created.id, version: { increment: 1 } },
        });
        if (linked.count !== 1) throw new AlreadyDeclared();
        const row = await tx.page.findUniqueOrThrow({
          where: { id: page.id },
          include: pageInclude,
        });
        await recordAudit(tx, actor, {
          action: "page.declare_incident",
          targetType: "page",
          targetId: page.id,
          details: { number: page.number, incidentId: created.id, incidentNumber: created.number },
        });
        return pageTimelineEntries(toPageView(row));
      },
    );
    return { incident, page: await getPage(page.id), created: true };
  } catch (error) {
    if (!(error instanceof AlreadyDeclared)) throw error;
    const latest = await getPage(page.id);
    if (!latest.incident)
      throw new AppError(
        "conflict",
        "The page changed while the incident was declared; try again.",
      );
    return { incident: await getIncident(latest.incident.id), page: latest, created: false };
  }
}
