import "server-only";
import { db } from "@/lib/db";
import { notFoundError } from "@/lib/errors";
import { type Prisma } from "@/lib/generated/prisma/client";
import { incidentRunbook } from "@/lib/incidents/runbook";
import type { TimelineKind } from "@/lib/incidents/labels";
import type {
  DurationStats,
  FailingCheck,
  IncidentDetail,
  IncidentListFilter,
  IncidentListItem,
  IncidentReport,
  IncidentView,
  PersonRef,
  TimelineEntryView,
  TimelinePage,
} from "@/lib/incidents/types";
import { isUuid } from "@/lib/validation";

export const incidentInclude = {
  commander: { select: { id: true, name: true, email: true } },
  commsLead: { select: { id: true, name: true, email: true } },
  scribe: { select: { id: true, name: true, email: true } },
  services: { include: { service: { select: { id: true, name: true, environment: true } } } },
  postmortem: { select: { id: true, status: true, required: true, dueAt: true } },
} satisfies Prisma.IncidentInclude;

export type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toIncidentView(row: IncidentRow): IncidentView {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    severity: row.severity,
    status: row.status,
    summary: row.summary,
    userImpact: row.userImpact,
    workaround: row.workaround,
    eta: row.eta,
    commander: row.commander,
    commsLead: row.commsLead,
    scribe: row.scribe,
    declaredBy: row.declaredByLabel,
    declaredAt: row.declaredAt.toISOString(),
    identifiedAt: iso(row.identifiedAt),
    mitigatedAt: iso(row.mitigatedAt),
    resolvedAt: iso(row.resolvedAt),
    rootCause: row.rootCause,
    followUps: row.followUps,
    services: row.services.map((link) => link.service).sort((a, b) => a.name.localeCompare(b.name)),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    postmortem: row.postmortem
      ? {
          id: row.postmortem.id,
          status: row.postmortem.status,
          required: row.postmortem.required,
          dueAt: iso(row.postmortem.dueAt),
        }
      : null,
  };
}

export async function getIncident(id: string): Promise<IncidentView> {
  if (!isUuid(id)) throw notFoundError("The incident");
  const row = await db.incident.findUnique({ where: { id }, include: incidentInclude });
  if (!row) throw notFoundError("The incident");
  return toIncidentView(row);
}

/** The incident a person names by its number ("42", "#42") or its id, for the CLI. */
export async function findIncidentByReference(
  reference: string,
): Promise<{ id: string; number: number }> {
  const trimmed = reference.trim();
  const number = /^#?(\d{1,9})$/.exec(trimmed)?.[1];
  const select = { id: true, number: true } as const;
  const row = number
    ? await db.incident.findUnique({ where: { number: Number(number) }, select })
    : isUuid(trimmed)
      ? await db.incident.findUnique({ where: { id: trimmed }, select })
      : null;
  if (!row) throw notFoundError(`Incident ${trimmed}`);
  return row;
}

/** Open incidents first (newest first), then resolved ones. */
export async function listIncidents(filter: IncidentListFilter): Promise<IncidentListItem[]> {
  const rows = await db.incident.findMany({
    where: {
      ...(filter.status === "open"
        ? { status: { not: "resolved" } }
        : filter.status
          ? { status: filter.status }
          : {}),
      ...(filter.severity ? { severity: filter.severity } : {}),
      ...(filter.service ? { services: { some: { serviceId: filter.service } } } : {}),
      ...(filter.from || filter.to
        ? {
            declaredAt: {
              ...(filter.from ? { gte: filter.from } : {}),
              ...(filter.to ? { lte: filter.to } : {}),
            },
          }
        : {}),
    },
    include: incidentInclude,
    orderBy: [{ resolvedAt: { sort: "desc", nulls: "first" } }, { declaredAt: "desc" }],
    take: filter.limit,
  });
  return rows.map((row) => {
    const view = toIncidentView(row);
    return {
      id: view.id,
      number: view.number,
      title: view.title,
      severity: view.severity,
      status: view.status,
      declaredAt: view.declaredAt,
      mitigatedAt: view.mitigatedAt,
      resolvedAt: view.resolvedAt,
      commander: view.commander,
      services: view.services,
    };
  });
}

type EntryRow = Prisma.TimelineEntryGetPayload<{
  include: { author: { select: { name: true } }; corrections: { select: { id: true } } };
}>;

export function toTimelineEntryView(row: EntryRow): TimelineEntryView {
  return {
    id: row.id.toString(),
    kind: row.kind as TimelineKind,
    body: row.body,
    details: (row.details ?? {}) as Record<string, unknown>,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    authorLabel: row.authorLabel,
    authorName: row.author?.name ?? null,
    correctsId: row.correctsId?.toString() ?? null,
    correctedBy: row.corrections.map((correction) => correction.id.toString()),
    stepKey: row.stepKey,
  };
}

export const entryInclude = {
  author: { select: { name: true } },
  corrections: { select: { id: true }, orderBy: { id: "asc" } },
} satisfies Prisma.TimelineEntryInclude;

/** Newest first by when things happened; `before` is the id of the last entry of the previous page (keyset paging). */
export async function listTimeline(
  incidentId: string,
  query: { before?: string; limit: number },
): Promise<TimelinePage> {
  if (!isUuid(incidentId)) throw notFoundError("The incident");
  let cursor: { occurredAt: Date; id: bigint } | null = null;
  if (query.before) {
    cursor = await db.timelineEntry.findFirst({
      where: { id: BigInt(query.before), incidentId },
      select: { occurredAt: true, id: true },
    });
    if (!cursor) return { entries: [], nextBefore: null };
  }
  const rows = await db.timelineEntry.findMany({
    where: {
      incidentId,
      ...(cursor
        ? {
            OR: [
              { occurredAt: { lt: cursor.occurredAt } },
              { occurredAt: cursor.occurredAt, id: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    include: entryInclude,
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  if (rows.length === 0 && !cursor && !(await db.incident.count({ where: { id: incidentId } })))
    throw notFoundError("The incident");
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map(toTimelineEntryView),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

/** The runbook steps already ticked on this incident. */
export async function listTickedSteps(incidentId: string): Promise<string[]> {
  const rows = await db.timelineEntry.findMany({
    where: { incidentId, stepKey: { not: null } },
    select: { stepKey: true },
    distinct: ["stepKey"],
  });
  return rows.flatMap((row) => (row.stepKey ? [row.stepKey] : []));
}

/** The latest failing or degraded check of each affected service, for the runbook's "likely cause" hints. */
export async function latestFailingChecks(serviceIds: string[]): Promise<FailingCheck[]> {
  if (serviceIds.length === 0) return [];
  const rows = await db.$queryRaw<
    {
      serviceId: string;
      serviceName: string;
      status: string;
      reason: string;
      httpStatus: number | null;
      at: Date;
    }[]
  >`
    SELECT DISTINCT ON (c."serviceId") c."serviceId", s.name AS "serviceName", c.status::text AS status, c.reason, c."httpStatus", c."scheduledAt" AS at
    FROM "CheckResult" c JOIN "Service" s ON s.id = c."serviceId"
    WHERE c."serviceId" = ANY(${serviceIds}::uuid[]) AND c.status <> 'up' AND c."scheduledAt" > now() - interval '7 days'
    ORDER BY c."serviceId", c."scheduledAt" DESC`;
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

/** People who may hold an incident role: active responders and above. */
export async function listResponders(): Promise<PersonRef[]> {
  return db.user.findMany({
    where: { disabled: false, role: { in: ["responder", "lead", "admin"] } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

function durationStats(row: {
  count: bigint;
  median: number | null;
  p90: number | null;
}): DurationStats {
  return {
    count: Number(row.count),
    medianMs: row.median === null ? null : Math.round(row.median),
    p90Ms: row.p90 === null ? null : Math.round(row.p90),
  };
}

/** Counts by severity per month and time to mitigate / resolve over the last `months` months. */
export async function incidentReport(months = 12): Promise<IncidentReport> {
  const since = new Date();
  since.setUTCDate(1);
  since.setUTCHours(0, 0, 0, 0);
  since.setUTCMonth(since.getUTCMonth() - (months - 1));
  const [counts, durations] = await Promise.all([
    db.$queryRaw<{ month: Date; severity: string; count: bigint }[]>`
      SELECT date_trunc('month', "declaredAt" AT TIME ZONE 'UTC') AS month, severity::text AS severity, count(*) AS count
      FROM "Incident" WHERE "declaredAt" >= ${since}
      GROUP BY 1, 2 ORDER BY 1`,
    db.$queryRaw<
      {
        ttmCount: bigint;
        ttmMedian: number | null;
        ttmP90: number | null;
        ttrCount: bigint;
        ttrMedian: number | null;
        ttrP90: number | null;
      }[]
    >`
      SELECT
        count("mitigatedAt") AS "ttmCount",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ("mitigatedAt" - "declaredAt")) * 1000) AS "ttmMedian",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ("mitigatedAt" - "declaredAt")) * 1000) AS "ttmP90",
        count("resolvedAt") AS "ttrCount",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ("resolvedAt" - "declaredAt")) * 1000) AS "ttrMedian",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ("resolvedAt" - "declaredAt")) * 1000) AS "ttrP90"
      FROM "Incident" WHERE "declaredAt" >= ${since}`,
  ]);
  const byMonth = new Map<string, { month: string; sev1: number; sev2: number; sev3: number }>();
  for (let index = 0; index < months; index += 1) {
    const month = new Date(since);
    month.setUTCMonth(since.getUTCMonth() + index);
    const key = month.toISOString().slice(0, 7);
    byMonth.set(key, { month: key, sev1: 0, sev2: 0, sev3: 0 });
  }
  for (const row of counts) {
    const key = new Date(row.month).toISOString().slice(0, 7);
    const bucket = byMonth.get(key);
    if (bucket && (row.severity === "sev1" || row.severity === "sev2" || row.severity === "sev3"))
      bucket[row.severity] = Number(row.count);
  }
  const row = durations[0];
  return {
    months: [...byMonth.values()],
    timeToMitigate: durationStats({
      count: row?.ttmCount ?? BigInt(0),
      median: row?.ttmMedian ?? null,
      p90: row?.ttmP90 ?? null,
    }),
    timeToResolve: durationStats({
      count: row?.ttrCount ?? BigInt(0),
      median: row?.ttrMedian ?? null,
      p90: row?.ttrP90 ?? null,
    }),
  };
}

/** The incident with what its page shows beside it: the runbook's state and the affected services' latest failures. */
export async function getIncidentDetail(id: string): Promise<IncidentDetail> {
  const incident = await getIncident(id);
  const [tickedSteps, failingChecks] = await Promise.all([
    listTickedSteps(incident.id),
    latestFailingChecks(incident.services.map((service) => service.id)),
  ]);
  return {
    incident,
    tickedSteps,
    failingChecks,
    runbook: incidentRunbook(incident, tickedSteps, failingChecks),
  };
}
