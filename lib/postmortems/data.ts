import { db } from "@/lib/db";
import { businessDaysUntil, describeDueIn } from "@/lib/postmortems/business-days";
import type { PostmortemListItem } from "@/lib/postmortems/schema";

/** Unpublished first, soonest due first; then the rest newest first. */
export async function listPostmortems(filter: { incidentId?: string } = {}): Promise<PostmortemListItem[]> {
  const rows = await db.postmortem.findMany({
    where: filter.incidentId ? { incidentId: filter.incidentId } : {},
    include: { incident: { select: { id: true, number: true, title: true, severity: true, resolvedAt: true } } },
    orderBy: [{ status: "asc" }, { dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    take: 500,
  });
  const now = Date.now();
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    required: row.required,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: row.status !== "published" && row.dueAt !== null && row.dueAt.getTime() < now,
    dueIn: row.status !== "published" && row.dueAt ? describeDueIn(businessDaysUntil(new Date(now), row.dueAt)) : null,
    createdAt: row.createdAt.toISOString(),
    incident: { ...row.incident, resolvedAt: row.incident.resolvedAt?.toISOString() ?? null },
  }));
}
