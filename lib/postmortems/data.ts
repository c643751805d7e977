import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { AppError, notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TimelineKind } from "@/lib/incidents/labels";
import { businessDaysUntil, describeDueIn, type BusinessCalendar } from "@/lib/time/business-days";
import { normalizePostmortemContent } from "@/lib/postmortems/content";
import { detectionFacts, detectionWindowMs, impactFacts } from "@/lib/postmortems/detection";
import { openActionItemStatuses } from "@/lib/postmortems/labels";
import type {
  ActionItemListFilter,
  ActionItemListItem,
  ActionItemView,
  CuratedTimelineEntry,
  DetectionFacts,
  PostmortemDetail,
  PostmortemListFilter,
  PostmortemListItem,
  PostmortemStatus,
  PostmortemView,
} from "@/lib/postmortems/types";
import { publishReadiness, reviewerStates } from "@/lib/postmortems/workflow";
import { getTeamCalendar } from "@/lib/team/data";
import { formatUtcDate } from "@/lib/time/format";
import { isUuid } from "@/lib/validation";

type Client = Prisma.TransactionClient;

/** The curated timeline imports at most this many of the incident's entries, oldest first. */
export const curatedTimelineLimit = 2_000;
const revisionLimit = 200;
const healthSignalLimit = 5_000;
const dayMs = 86_400_000;

const personSelect = { select: { id: true, name: true, email: true } } as const;
const iso = (date: Date | null) => date?.toISOString() ?? null;

export const postmortemViewInclude = {
  owner: personSelect,
  publishedBy: personSelect,
  incident: {
    select: {
      id: true,
      number: true,
      title: true,
      severity: true,
      status: true,
      declaredAt: true,
      resolvedAt: true,
      commander: personSelect,
    },
  },
} satisfies Prisma.PostmortemInclude;
export type PostmortemViewRow = Prisma.PostmortemGetPayload<{
  include: typeof postmortemViewInclude;
}>;

/** Overdue and the business-day wording; a published postmortem is neither due nor overdue. */
function dueState(
  row: { status: PostmortemStatus; dueAt: Date | null },
  calendar: BusinessCalendar,
  now: Date,
): { overdue: boolean; dueIn: string | null } {
  if (row.status === "published" || !row.dueAt) return { overdue: false, dueIn: null };
  return {
    overdue: row.dueAt.getTime() < now.getTime(),
    dueIn: describeDueIn(businessDaysUntil(now, row.dueAt, calendar)),
  };
}

export function toPostmortemView(
  row: PostmortemViewRow,
  calendar: BusinessCalendar,
  now: Date,
): PostmortemView {
  return {
    id: row.id,
    status: row.status,
    required: row.required,
    dueAt: iso(row.dueAt),
    ...dueState(row, calendar, now),
    version: row.version,
    content: normalizePostmortemContent(row.content),
    owner: row.owner,
    reviewRequestedAt: iso(row.reviewRequestedAt),
    publishedAt: iso(row.publishedAt),
    publishedBy: row.publishedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    incident: {
      id: row.incident.id,
      number: row.incident.number,
      title: row.incident.title,
      severity: row.incident.severity,
      status: row.incident.status,
      commander: row.incident.commander,
      declaredAt: row.incident.declaredAt.toISOString(),
      resolvedAt: iso(row.incident.resolvedAt),
    },
  };
}

/** The postmortem as an editor sees it, read with the given client (a transaction's, to answer a conflict). */
export async function loadPostmortemView(
  client: Client,
  postmortemId: string,
  now = new Date(),
): Promise<PostmortemView | null> {
  const row = await client.postmortem.findUnique({
    where: { id: postmortemId },
    include: postmortemViewInclude,
  });
  return row ? toPostmortemView(row, await getTeamCalendar(client), now) : null;
}

export const actionItemInclude = {
  owner: personSelect,
} satisfies Prisma.PostmortemActionItemInclude;
type ActionItemRow = Prisma.PostmortemActionItemGetPayload<{ include: typeof actionItemInclude }>;

const isOpenActionItem = (status: ActionItemView["status"]) =>
  openActionItemStatuses.includes(status);

export function toActionItemView(row: ActionItemRow, now: Date): ActionItemView {
  return {
    id: row.id,
    postmortemId: row.postmortemId,
    title: row.title,
    owner: row.owner,
    dueDate: row.dueDate ? formatUtcDate(row.dueDate) : null,
    issueUrl: row.issueUrl,
    status: row.status,
    // A due date is a whole day: the item is late once that day has ended (UTC).
    overdue:
      isOpenActionItem(row.status) &&
      row.dueDate !== null &&
      row.dueDate.getTime() + dayMs <= now.getTime(),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The health data of the incident's services in the day before it was declared, as detection facts. */
export async function loadDetectionFacts(
  client: Client,
  incident: { declaredAt: Date; serviceIds: string[] },
): Promise<DetectionFacts> {
  const rows =
    incident.serviceIds.length === 0
      ? []
      : await client.healthEvent.findMany({
          where: {
            serviceId: { in: incident.serviceIds },
            at: {
              gte: new Date(incident.declaredAt.getTime() - detectionWindowMs),
              lte: incident.declaredAt,
            },
          },
          include: { service: { select: { name: true } } },
          orderBy: [{ at: "asc" }, { id: "asc" }],
          take: healthSignalLimit,
        });
  const signals = rows.flatMap((row) =>
    row.serviceId
      ? [
          {
            serviceId: row.serviceId,
            serviceName: row.service?.name ?? "a service",
            kind: row.kind,
            fromState: row.fromState,
            toState: row.toState,
            status: row.status,
            reason: row.reason,
            suppressed: row.suppressed,
            at: row.at,
          },
        ]
      : [],
  );
  return detectionFacts({ declaredAt: incident.declaredAt, signals });
}

/** What the latest status update said was affected, if any was posted. */
export async function latestAffectedText(
  client: Client,
  incidentId: string,
): Promise<string | null> {
  const entry = await client.timelineEntry.findFirst({
    where: { incidentId, kind: "communication" },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { details: true },
  });
  const details = entry?.details;
  if (typeof details !== "object" || details === null || Array.isArray(details)) return null;
  const affected = (details as Record<string, unknown>).affected;
  return typeof affected === "string" && affected.trim() !== "" ? affected : null;
}

const detailInclude = {
  ...postmortemViewInclude,
  incident: {
    select: {
      ...postmortemViewInclude.incident.select,
      userImpact: true,
      mitigatedAt: true,
      services: { select: { service: { select: { id: true, name: true } } } },
    },
  },
  reviewers: { include: { user: personSelect } },
  reviews: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
  revisions: { orderBy: [{ savedAt: "desc" }, { id: "desc" }], take: revisionLimit },
  actionItems: { include: actionItemInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.PostmortemInclude;

/** The whole document: facts from the incident and health data, the curated timeline, review state and history. */
export async function getPostmortemDetail(
  postmortemId: string,
  now = new Date(),
): Promise<PostmortemDetail> {
  if (!isUuid(postmortemId)) throw notFoundError("The postmortem");
  const row = await db.postmortem.findUnique({
    where: { id: postmortemId },
    include: detailInclude,
  });
  if (!row) throw notFoundError("The postmortem");
  const incident = row.incident;
  const [calendar, detection, latestAffected, entries] = await Promise.all([
    getTeamCalendar(),
    loadDetectionFacts(db, {
      declaredAt: incident.declaredAt,
      serviceIds: incident.services.map((link) => link.service.id),
    }),
    latestAffectedText(db, incident.id),
    db.timelineEntry.findMany({
      where: { incidentId: incident.id },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: curatedTimelineLimit,
      select: { id: true, kind: true, body: true, occurredAt: true, authorLabel: true },
    }),
  ]);
  const postmortem = toPostmortemView(row, calendar, now);
  const excluded = new Set(postmortem.content.timeline.excluded);
  const annotations = postmortem.content.timeline.annotations;
  const timeline: CuratedTimelineEntry[] = entries.map((entry) => {
    const id = entry.id.toString();
    return {
      id,
      kind: entry.kind as TimelineKind,
      body: entry.body,
      occurredAt: entry.occurredAt.toISOString(),
      authorLabel: entry.authorLabel,
      included: !excluded.has(id),
      annotation: annotations[id] ?? "",
    };
  });
  const reviewers = reviewerStates(row.reviewers, row.reviews, row.version);
  return {
    postmortem,
    impact: impactFacts(
      { ...incident, services: incident.services.map((link) => link.service) },
      { latestAffected, detection },
    ),
    detection,
    timeline,
    actionItems: row.actionItems.map((item) => toActionItemView(item, now)),
    reviewers,
    reviews: row.reviews.map((review) => ({
      id: review.id.toString(),
      reviewerLabel: review.reviewerLabel,
      decision: review.decision,
      comment: review.comment,
      version: review.version,
      createdAt: review.createdAt.toISOString(),
    })),
    revisions: row.revisions.map((revision) => ({
      id: revision.id.toString(),
      version: revision.version,
      authorId: revision.authorId,
      authorLabel: revision.authorLabel,
      startedAt: revision.startedAt.toISOString(),
      savedAt: revision.savedAt.toISOString(),
      content: normalizePostmortemContent(revision.content),
    })),
    readiness: publishReadiness({ status: row.status, reviewers }),
  };
}

export async function getPostmortemIdForIncident(incidentId: string): Promise<string | null> {
  if (!isUuid(incidentId)) return null;
  const row = await db.postmortem.findUnique({ where: { incidentId }, select: { id: true } });
  return row?.id ?? null;
}

const listInclude = {
  owner: personSelect,
  incident: { select: { id: true, number: true, title: true, severity: true, resolvedAt: true } },
  _count: { select: { actionItems: { where: { status: { in: [...openActionItemStatuses] } } } } },
} satisfies Prisma.PostmortemInclude;
type ListRow = Prisma.PostmortemGetPayload<{ include: typeof listInclude }>;

function toListItem(row: ListRow, calendar: BusinessCalendar, now: Date): PostmortemListItem {
  return {
    id: row.id,
    status: row.status,
    required: row.required,
    dueAt: iso(row.dueAt),
    ...dueState(row, calendar, now),
    createdAt: row.createdAt.toISOString(),
    owner: row.owner,
    publishedAt: iso(row.publishedAt),
    openActionItems: row._count.actionItems,
    incident: { ...row.incident, resolvedAt: iso(row.incident.resolvedAt) },
  };
}

/** Drafts, then in review, then published; soonest due first within each, then newest. */
export async function listPostmortems(
  filter: Partial<PostmortemListFilter> = {},
  now = new Date(),
): Promise<PostmortemListItem[]> {
  if (filter.incidentId !== undefined && !isUuid(filter.incidentId)) return [];
  // Spelled out rather than NOT(overdue): SQL's NOT drops the rows without a due date.
  const overdueWhere: Prisma.PostmortemWhereInput =
    filter.overdue === true
      ? { status: { not: "published" }, dueAt: { lt: now } }
      : filter.overdue === false
        ? { OR: [{ status: "published" }, { dueAt: null }, { dueAt: { gte: now } }] }
        : {};
  const where: Prisma.PostmortemWhereInput = {
    AND: [
      overdueWhere,
      filter.status ? { status: filter.status } : {},
      filter.incidentId ? { incidentId: filter.incidentId } : {},
    ],
  };
  const [rows, calendar] = await Promise.all([
    db.postmortem.findMany({
      where,
      include: listInclude,
      orderBy: [
        { status: "asc" },
        { dueAt: { sort: "asc", nulls: "last" } },
        { createdAt: "desc" },
      ],
      take: 500,
    }),
    getTeamCalendar(),
  ]);
  return rows.map((row) => toListItem(row, calendar, now));
}

/** Unpublished postmortems past their due date, most overdue first: the overview shows them to everyone. */
export async function listOverduePostmortems(now = new Date()): Promise<PostmortemListItem[]> {
  const [rows, calendar] = await Promise.all([
    db.postmortem.findMany({
      where: { status: { not: "published" }, dueAt: { lt: now } },
      include: listInclude,
      orderBy: { dueAt: "asc" },
      take: 20,
    }),
    getTeamCalendar(),
  ]);
  return rows.map((row) => toListItem(row, calendar, now));
}

/** Action items across postmortems: overdue first, then by due date, those without a date last. */
export async function listActionItems(
  filter: Partial<ActionItemListFilter> = {},
  now = new Date(),
): Promise<ActionItemListItem[]> {
  const open = filter.open ?? true;
  if (filter.ownerId !== undefined && !isUuid(filter.ownerId)) return [];
  const rows = await db.postmortemActionItem.findMany({
    where: {
      ...(open ? { status: { in: [...openActionItemStatuses] } } : {}),
      ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
    },
    include: {
      ...actionItemInclude,
      postmortem: {
        select: {
          id: true,
          status: true,
          incident: { select: { id: true, number: true, title: true, severity: true } },
        },
      },
    },
    orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    take: 1_000,
  });
  const items = rows.map((row) => ({
    ...toActionItemView(row, now),
    postmortem: { id: row.postmortem.id, status: row.postmortem.status },
    incident: row.postmortem.incident,
  }));
  // Stable: within each group the database's due-date order stays.
  return [...items.filter((item) => item.overdue), ...items.filter((item) => !item.overdue)];
}

/** For pages: the detail or null for an unknown id (the page calls notFound()); one read per request for metadata and page. */
export const findPostmortemDetail = cache(
  async (postmortemId: string): Promise<PostmortemDetail | null> => {
    try {
      return await getPostmortemDetail(postmortemId);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    }
  },
);
