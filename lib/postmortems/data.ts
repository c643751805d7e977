import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { businessDaysUntil, describeDueIn } from "@/lib/postmortems/business-days";
import type { PostmortemListItem } from "@/lib/postmortems/schema";

const listInclude = { incident: { select: { id: true, number: true, title: true, severity: true, resolvedAt: true } } } satisfies Prisma.PostmortemInclude;
type ListRow = Prisma.PostmortemGetPayload<{ include: typeof listInclude }>;

function toListItem(row: ListRow, now: Date): PostmortemListItem {
  const open = row.status !== "published";
  return {
    id: row.id,
    status: row.status,
    required: row.required,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: open && row.dueAt !== null && row.dueAt.getTime() < now.getTime(),
    dueIn: open && row.dueAt ? describeDueIn(businessDaysUntil(now, row.dueAt)) : null,
    createdAt: row.createdAt.toISOString(),
    incident: { ...row.incident, resolvedAt: row.incident.resolvedAt?.toISOString() ?? null },
  };
}

/** Unpublished first, soonest due first; then the rest newest first. */
export async function listPostmortems(filter: { incidentId?: string } = {}): Promise<PostmortemListItem[]> {
  const rows = await db.postmortem.findMany({
    where: filter.incidentId ? { incidentId: filter.incidentId } : {},
    include: listInclude,
    orderBy: [{ status: "asc" }, { dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    take: 500,
  });
  const now = new Date();
  return rows.map((row) => toListItem(row, now));
}

/** Unpublished postmortems past their due date, most overdue first: the overview shows them to everyone. */
export async function listOverduePostmortems(now = new Date()): Promise<PostmortemListItem[]> {
  const rows = await db.postmortem.findMany({
    where: { status: { not: "published" }, dueAt: { lt: now } },
    include: listInclude,
    orderBy: { dueAt: "asc" },
    take: 20,
  });
  return rows.map((row) => toListItem(row, now));
}
