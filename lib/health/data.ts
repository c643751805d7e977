import "server-only";
import { db } from "@/lib/db";
import { listInFlightDeploys, listServiceDeploys } from "@/lib/deploys/data";
import type { DeployView } from "@/lib/deploys/types";
import type { Alert, CheckResult, HealthEvent } from "@/lib/generated/prisma/client";
import { certificateLevel } from "@/lib/health/alerting";
import { listBaselines } from "@/lib/health/baselines";
import { budgetRemaining, type WindowCount } from "@/lib/health/slo";
import { histogramPercentile, mergeHistograms } from "@/lib/health/histogram";
import { isResultStale, staleReason } from "@/lib/health/staleness";
import { maintenanceExcludedFromUptime, servicesInMaintenance } from "@/lib/maintenance/data";
import type {
  AlertEvidence,
  AlertListItem,
  AlertListQuery,
  AlertView,
  BurnRates,
  CheckView,
  HealthEventView,
  KeyFigures,
  LatencyPoint,
  LatencyRange,
  MonitorHealth,
  ServiceDetail,
  ServiceTile,
  StatusFilter,
  StatusSummary,
  Timings,
  UptimeDay,
} from "@/lib/health/types";
import { isPagingTile } from "@/lib/health/paging-tile";
import { toServiceConfigView } from "@/lib/services/data";
import { formatUtcDate } from "@/lib/time/format";
import { z } from "zod";

type Uptime = ServiceTile["uptime"] & { slo: WindowCount | null };
const sparklineLength = 30;
const statusOrder: Record<ServiceTile["status"], number> = {
  down: 0,
  degraded: 1,
  unknown: 2,
  up: 3,
};
const alertOrder: Record<ServiceTile["alertState"], number> = {
  alerting: 0,
  failing: 1,
  recovering: 2,
  ok: 3,
};

type TileRow = {
  id: string;
  name: string;
  environment: string;
  profile: ServiceTile["profile"];
  baseUrl: string;
  tags: string[];
  enabled: boolean;
  failureThreshold: number;
  recoveryThreshold: number;
  intervalSeconds: number;
  latencySloMs: number;
  createdAt: Date;
  lastStatus: ServiceTile["status"] | null;
  lastReason: string | null;
  alertState: ServiceTile["alertState"] | null;
  consecutiveFailures: number | null;
  consecutiveSuccesses: number | null;
  flapping: boolean | null;
  lastScheduledAt: Date | null;
  stateSince: Date | null;
  statusSince: Date | null;
  lastLatencyMs: number | null;
  p95LastHourMs: number | null;
  lastVersion: string | null;
  lastFigures: KeyFigures | null;
  tlsExpiresAt: Date | null;
  sparkline: number[] | null;
  checkTlsExpiry: boolean;
  certWarnDays: number;
  certPageDays: number;
  latencyWindowSeconds: number;
  availabilitySlo: number;
  availabilityWindowDays: number;
  lastCountedAt: Date | null;
  flappingSince: Date | null;
  lastFiguresAt: Date | null;
  firstCheckedAt: Date | null;
  lastFailureAt: Date | null;
  lastFailureReason: string | null;
  p95WindowMs: number | null;
  latencyBreached: boolean | null;
  burnRates: BurnRates | null;
};

/** One query for any number of tiles: only the columns a tile shows, the sparkline cut in SQL. */
async function loadTileRows(filter: StatusFilter & { serviceId?: string }): Promise<TileRow[]> {
  return db.$queryRaw<TileRow[]>`
    SELECT s.id, s.name, s.environment, s.profile, s."baseUrl", s.tags, s.enabled, s."failureThreshold", s."recoveryThreshold",
           s."intervalSeconds", s."latencySloMs", s."createdAt", s."checkTlsExpiry", s."certWarnDays", s."certPageDays",
           s."latencyWindowSeconds", s."availabilitySlo", s."availabilityWindowDays",
           st."lastCountedAt", st."flappingSince", st."lastFiguresAt", st."firstCheckedAt", st."lastFailureAt", st."lastFailureReason",
           st."p95WindowMs", st."latencyBreached", st."burnRates",
           st."lastStatus", st."lastReason", st."alertState", st."consecutiveFailures", st."consecutiveSuccesses", st.flapping,
           st."lastScheduledAt", st."stateSince", st."statusSince", st."lastLatencyMs", st."p95LastHourMs", st."lastVersion",
           st."lastFigures", st."tlsExpiresAt",
           st."recentLatencies"[greatest(1, cardinality(st."recentLatencies") - ${sparklineLength - 1}):] AS sparkline
    FROM "Service" s LEFT JOIN "ServiceState" st ON st."serviceId" = s.id
    WHERE (${filter.environment ?? null}::text IS NULL OR s.environment = ${filter.environment ?? null})
      AND (${filter.tag ?? null}::text IS NULL OR ${filter.tag ?? null} = ANY(s.tags))
      AND (${filter.serviceId ?? null}::uuid IS NULL OR s.id = ${filter.serviceId ?? null}::uuid)`;
}

type Deploying = ServiceTile["deploying"];

/** Each service's newest in-flight deploy; there are few at any time, so one small query serves every tile. */
async function deployingByService(): Promise<Map<string, NonNullable<Deploying>>> {
  const byService = new Map<string, NonNullable<Deploying>>();
  for (const deploy of await listInFlightDeploys())
    byService.set(deploy.service.id, deployingOf(deploy));
  return byService;
}

const deployingOf = (deploy: DeployView): NonNullable<Deploying> => ({
  id: deploy.id,
  number: deploy.number,
  label: deploy.label,
  startedAt: deploy.startedAt,
});

/**
 * A status is only as good as its freshness: when no result was stored for three intervals, the tile
 * (and so the API and the CLI) says unknown and why, never the last "up" it happened to store.
 */
function currentStatus(
  row: TileRow,
  nowMs: number,
): { status: ServiceTile["status"]; reason: string | null } {
  const lastAt = row.lastScheduledAt?.getTime() ?? null;
  if (row.enabled && lastAt !== null && isResultStale(lastAt, row.intervalSeconds, nowMs)) {
    return {
      status: "unknown",
      reason: staleReason(lastAt, nowMs, { status: row.lastStatus, reason: row.lastReason }),
    };
  }
  return { status: row.lastStatus ?? "unknown", reason: row.lastReason };
}

function certificateOf(row: TileRow, now: Date): ServiceTile["certificate"] {
  if (!row.tlsExpiresAt || !row.checkTlsExpiry) return null;
  const level = certificateLevel(row.tlsExpiresAt, now, row) ?? "ok";
  return {
    expiresAt: row.tlsExpiresAt.toISOString(),
    level,
    warnDays: row.certWarnDays,
    pageDays: row.certPageDays,
  };
}

function availabilityOf(row: TileRow, uptime: Uptime, now: Date): ServiceTile["availability"] {
  const window = uptime.slo;
  const windowMs = row.availabilityWindowDays * 86_400_000;
  const coveredShare = row.firstCheckedAt
    ? (now.getTime() - row.firstCheckedAt.getTime()) / windowMs
    : 1;
  return {
    target: row.availabilitySlo,
    windowDays: row.availabilityWindowDays,
    uptime: window && window.total > 0 ? (window.total - window.down) / window.total : null,
    budgetRemaining: window ? budgetRemaining(window, row.availabilitySlo, coveredShare) : null,
    burn: row.burnRates,
  };
}

export function toTile(
  row: TileRow,
  uptime: Uptime,
  deploying: Deploying = null,
  now = new Date(),
  alerts: AlertView[] = [],
  maintenanceUntil: Date | null = null,
): ServiceTile {
  const { status, reason } = currentStatus(row, now.getTime());
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    profile: row.profile,
    baseUrl: row.baseUrl,
    tags: row.tags,
    enabled: row.enabled,
    status,
    reason,
    alertState: row.alertState ?? "ok",
    consecutiveFailures: row.consecutiveFailures ?? 0,
    consecutiveSuccesses: row.consecutiveSuccesses ?? 0,
    failureThreshold: row.failureThreshold,
    recoveryThreshold: row.recoveryThreshold,
    flapping: row.flapping ?? false,
    lastCheckedAt: row.lastScheduledAt?.toISOString() ?? null,
    stateSince: (row.stateSince ?? row.createdAt).toISOString(),
    statusSince: row.statusSince?.toISOString() ?? null,
    intervalSeconds: row.intervalSeconds,
    lastLatencyMs: row.lastLatencyMs,
    p95LastHourMs: row.p95LastHourMs,
    latencySloMs: row.latencySloMs,
    uptime: { day: uptime.day, week: uptime.week, month: uptime.month },
    version: row.lastVersion,
    figures: row.lastFigures ?? {},
    sparkline: row.sparkline ?? [],
    tlsExpiresAt: row.tlsExpiresAt?.toISOString() ?? null,
    alerts,
    lastCountedAt: row.lastCountedAt?.toISOString() ?? null,
    nextCheckAt:
      row.enabled && row.lastCountedAt
        ? new Date(row.lastCountedAt.getTime() + row.intervalSeconds * 1000).toISOString()
        : null,
    flappingSince: row.flappingSince?.toISOString() ?? null,
    figuresAt: row.lastFiguresAt?.toISOString() ?? null,
    firstCheckedAt: row.firstCheckedAt?.toISOString() ?? null,
    lastFailure:
      row.lastFailureAt && row.lastFailureReason
        ? { at: row.lastFailureAt.toISOString(), reason: row.lastFailureReason }
        : null,
    latencyWindow: {
      seconds: row.latencyWindowSeconds,
      p95Ms: row.p95WindowMs,
      breached: row.latencyBreached ?? false,
    },
    availability: availabilityOf(row, uptime, now),
    certificate: certificateOf(row, now),
    deploying,
    maintenanceUntil: maintenanceUntil?.toISOString() ?? null,
  };
}

// A service in maintenance is never ranked as paging: its window says someone is already on it.
const alertRank = (tile: ServiceTile) =>
  tile.maintenanceUntil ? 2 : isPagingTile(tile) ? 0 : tile.alerts.length > 0 ? 1 : 2;

export function compareTiles(a: ServiceTile, b: ServiceTile): number {
  return (
    Number(!a.enabled) - Number(!b.enabled) ||
    alertRank(a) - alertRank(b) ||
    alertOrder[a.alertState] - alertOrder[b.alertState] ||
    statusOrder[a.status] - statusOrder[b.status] ||
    a.name.localeCompare(b.name)
  );
}

type UptimeRow = {
  serviceId: string;
  dayTotal: bigint | null;
  dayDown: bigint | null;
  weekTotal: bigint | null;
  weekDown: bigint | null;
  monthTotal: bigint | null;
  monthDown: bigint | null;
  sloTotal: bigint | null;
  sloDown: bigint | null;
};

const ratio = (total: bigint | null, down: bigint | null) =>
  total && total > BigInt(0) ? Number(total - (down ?? BigInt(0))) / Number(total) : null;

/**
 * 24 h from hourly rollups, 7 and 30 days from daily ones: one aggregate over an indexed range, never the raw table.
 * Checks taken in maintenance are left out of every figure and the budget when the team says so (the default).
 */
async function uptimeByService(serviceIds: string[] | null): Promise<Map<string, Uptime>> {
  const rows = await db.$queryRaw<UptimeRow[]>`
    WITH team AS (SELECT COALESCE((SELECT "maintenanceExcludedFromUptime" FROM "TeamSettings" WHERE id = 1), true) AS excluded)
    SELECT r."serviceId",
      SUM(total) FILTER (WHERE granularity = 'hour' AND bucket > now() - interval '24 hours') AS "dayTotal",
      SUM(down)  FILTER (WHERE granularity = 'hour' AND bucket > now() - interval '24 hours') AS "dayDown",
      SUM(total) FILTER (WHERE granularity = 'day' AND bucket >= date_trunc('day', now()) - interval '6 days') AS "weekTotal",
      SUM(down)  FILTER (WHERE granularity = 'day' AND bucket >= date_trunc('day', now()) - interval '6 days') AS "weekDown",
      SUM(total) FILTER (WHERE granularity = 'day' AND bucket >= date_trunc('day', now()) - interval '29 days') AS "monthTotal",
      SUM(down)  FILTER (WHERE granularity = 'day' AND bucket >= date_trunc('day', now()) - interval '29 days') AS "monthDown",
      SUM(total) FILTER (WHERE granularity = 'day' AND bucket >= date_trunc('day', now()) - make_interval(days => s."availabilityWindowDays" - 1)) AS "sloTotal",
      SUM(down)  FILTER (WHERE granularity = 'day' AND bucket >= date_trunc('day', now()) - make_interval(days => s."availabilityWindowDays" - 1)) AS "sloDown"
    FROM (
      SELECT c."serviceId", c.granularity, c.bucket,
        c.total - CASE WHEN team.excluded THEN c."maintenanceUp" + c."maintenanceDegraded" + c."maintenanceDown" ELSE 0 END AS total,
        c.down - CASE WHEN team.excluded THEN c."maintenanceDown" ELSE 0 END AS down
      FROM "CheckRollup" c CROSS JOIN team) r
    JOIN "Service" s ON s.id = r."serviceId"
    WHERE ((granularity = 'hour' AND bucket > now() - interval '25 hours')
        OR (granularity = 'day' AND bucket >= date_trunc('day', now()) - make_interval(days => GREATEST(s."availabilityWindowDays", 30) - 1)))
      AND (${serviceIds === null} OR r."serviceId" = ANY(${serviceIds ?? []}::uuid[]))
    GROUP BY r."serviceId"`;
  return new Map(
    rows.map((row) => [
      row.serviceId,
      {
        day: ratio(row.dayTotal, row.dayDown),
        week: ratio(row.weekTotal, row.weekDown),
        month: ratio(row.monthTotal, row.monthDown),
        slo: row.sloTotal ? { total: Number(row.sloTotal), down: Number(row.sloDown ?? 0) } : null,
      },
    ]),
  );
}

const noUptime: Uptime = { day: null, week: null, month: null, slo: null };

// Uptime over 24 h, 7 and 30 days moves slowly; the whole fleet's figures are reused for 30 s so the
// overview stays fast at 2,000 services. Status, reason and latency are always read fresh.
const uptimeCacheMs = 30_000;
let uptimeCache: { at: number; value: Promise<Map<string, Uptime>> } | null = null;

function fleetUptime(): Promise<Map<string, Uptime>> {
  if (!uptimeCache || Date.now() - uptimeCache.at > uptimeCacheMs) {
    const value = uptimeByService(null);
    uptimeCache = { at: Date.now(), value };
    value.catch(() => (uptimeCache = null));
  }
  return uptimeCache.value;
}

export function toAlertView(alert: Alert): AlertView {
  return {
    id: alert.id,
    serviceId: alert.serviceId,
    rule: alert.rule,
    level: alert.level,
    reason: alert.reason,
    evidence: Array.isArray(alert.evidence) ? (alert.evidence as AlertEvidence[]) : [],
    startedAt: alert.startedAt.toISOString(),
    endedAt: alert.endedAt?.toISOString() ?? null,
    endReason: alert.endReason,
  };
}

/** Open alerts by service, pages first: one query for every tile. */
async function openAlertsByService(serviceIds: string[] | null): Promise<Map<string, AlertView[]>> {
  const rows = await db.alert.findMany({
    where: { endedAt: null, ...(serviceIds ? { serviceId: { in: serviceIds } } : {}) },
    orderBy: [{ level: "asc" }, { startedAt: "asc" }],
  });
  const byService = new Map<string, AlertView[]>();
  for (const row of rows)
    byService.set(row.serviceId, [...(byService.get(row.serviceId) ?? []), toAlertView(row)]);
  return byService;
}

/** Alerts across the fleet, pages first then newest: what `GET /api/v1/alerts` and `vigil alert:list` show. */
export async function listAlerts(query: AlertListQuery): Promise<AlertListItem[]> {
  const rows = await db.alert.findMany({
    where: {
      ...(query.state === "open"
        ? { endedAt: null }
        : query.state === "ended"
          ? { endedAt: { not: null } }
          : {}),
      ...(query.serviceId ? { serviceId: query.serviceId } : {}),
    },
    include: { service: { select: { name: true } } },
    orderBy: [{ level: "asc" }, { startedAt: "desc" }],
    take: query.limit,
  });
  return rows.map((row) => ({ ...toAlertView(row), serviceName: row.service.name }));
}

export async function listPastAlerts(serviceId: string, limit = 20): Promise<AlertView[]> {
  const rows = await db.alert.findMany({
    where: { serviceId, endedAt: { not: null } },
    orderBy: { endedAt: "desc" },
    take: limit,
  });
  return rows.map(toAlertView);
}

export async function getMonitorHealth(): Promise<MonitorHealth> {
  const row = await db.monitorStatus.findUnique({ where: { id: 1 } });
  const unstored =
    row?.unstoredSince && row.unstoredCount > 0
      ? {
          count: row.unstoredCount,
          since: row.unstoredSince.toISOString(),
          lastAt: row.unstoredLastAt?.toISOString() ?? null,
          reason: row.unstoredReason,
        }
      : null;
  const fleetFailing = row?.degraded ?? false;
  return {
    degraded: fleetFailing || unstored !== null,
    fleetFailing,
    failingShare: 0,
    since: row?.since?.toISOString() ?? null,
    reason: row?.reason ?? null,
    unstored,
    stale: null,
  };
}

function staleOf(rows: TileRow[], nowMs: number): MonitorHealth["stale"] {
  const lastTimes = rows.flatMap((row) => {
    const lastAt = row.lastScheduledAt?.getTime() ?? null;
    return row.enabled && lastAt !== null && isResultStale(lastAt, row.intervalSeconds, nowMs)
      ? [lastAt]
      : [];
  });
  return lastTimes.length === 0
    ? null
    : { services: lastTimes.length, oldestAt: new Date(Math.min(...lastTimes)).toISOString() };
}

/** Every tile in a constant number of queries, whatever the number of services (no query per tile). */
export async function getStatusSummary(filter: StatusFilter = {}): Promise<StatusSummary> {
  const now = new Date();
  const [rows, uptime, monitor, facets, deploying, alerts, maintenance] = await Promise.all([
    loadTileRows(filter),
    fleetUptime(),
    getMonitorHealth(),
    db.$queryRaw<{ environments: string[] | null; tags: string[] | null }[]>`
      SELECT array_agg(DISTINCT environment) AS environments,
             (SELECT array_agg(DISTINCT tag ORDER BY tag) FROM "Service", unnest(tags) AS tag) AS tags
      FROM "Service"`,
    deployingByService(),
    openAlertsByService(null),
    servicesInMaintenance(now),
  ]);
  const tiles = rows
    .map((row) =>
      toTile(
        row,
        uptime.get(row.id) ?? noUptime,
        deploying.get(row.id) ?? null,
        now,
        alerts.get(row.id) ?? [],
        maintenance.get(row.id) ?? null,
      ),
    )
    .sort(compareTiles);
  const stale = staleOf(rows, now.getTime());
  const counts = { up: 0, degraded: 0, down: 0, unknown: 0 };
  for (const tile of tiles) if (tile.enabled) counts[tile.status] += 1;
  const enabled = tiles.filter((tile) => tile.enabled);
  return {
    generatedAt: now.toISOString(),
    tiles,
    counts,
    alerting: enabled.filter(isPagingTile).length,
    monitor: {
      ...monitor,
      degraded: monitor.degraded || stale !== null,
      stale,
      failingShare: enabled.length ? counts.down / enabled.length : 0,
    },
    environments: (facets[0]?.environments ?? []).sort(),
    tags: facets[0]?.tags ?? [],
  };
}

export function toCheckView(check: CheckResult): CheckView {
  return {
    id: check.id.toString(),
    scheduledAt: check.scheduledAt.toISOString(),
    startedAt: check.startedAt.toISOString(),
    status: check.status,
    reason: check.reason,
    httpStatus: check.httpStatus,
    latencyMs: check.latencyMs,
    timings: (check.timings as Timings | null) ?? null,
    version: check.version,
    figures: (check.figures as KeyFigures | null) ?? null,
    bodySample: check.bodySample,
    manual: check.manual,
    inMaintenance: check.inMaintenance,
  };
}

export function toEventView(
  event: HealthEvent & { service?: { name: string } | null },
): HealthEventView {
  return {
    id: event.id.toString(),
    serviceId: event.serviceId,
    serviceName: event.service?.name ?? null,
    kind: event.kind,
    fromState: event.fromState,
    toState: event.toState,
    status: event.status,
    reason: event.reason,
    at: event.at.toISOString(),
  };
}

export async function listChecks(
  serviceId: string,
  query: { limit: number; before?: bigint },
): Promise<{ checks: CheckView[]; nextBefore: string | null }> {
  const rows = await db.checkResult.findMany({
    where: { serviceId, ...(query.before ? { id: { lt: query.before } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    checks: page.map(toCheckView),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

export async function listHealthEvents(query: {
  serviceId?: string;
  limit: number;
  since?: Date;
}): Promise<HealthEventView[]> {
  const events = await db.healthEvent.findMany({
    where: {
      ...(query.serviceId ? { serviceId: query.serviceId } : {}),
      ...(query.since ? { at: { gte: query.since } } : {}),
    },
    include: { service: { select: { name: true } } },
    orderBy: { id: "desc" },
    take: query.limit,
  });
  return events.map(toEventView);
}

async function uptimeDays(serviceId: string, days: number): Promise<UptimeDay[]> {
  const since = new Date(Date.now() - days * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  const [rows, excluded] = await Promise.all([
    db.checkRollup.findMany({
      where: { serviceId, granularity: "day", bucket: { gte: since } },
      orderBy: { bucket: "asc" },
    }),
    maintenanceExcludedFromUptime(),
  ]);
  const byDay = new Map(rows.map((row) => [formatUtcDate(row.bucket), row]));
  return Array.from({ length: days }, (_, index) => {
    const day = formatUtcDate(new Date(since.getTime() + (index + 1) * 86_400_000));
    const row = byDay.get(day);
    const maintenance = row ? row.maintenanceUp + row.maintenanceDegraded + row.maintenanceDown : 0;
    const total = (row?.total ?? 0) - (excluded ? maintenance : 0);
    const down = (row?.down ?? 0) - (excluded && row ? row.maintenanceDown : 0);
    const degraded = (row?.degraded ?? 0) - (excluded && row ? row.maintenanceDegraded : 0);
    return {
      day,
      total,
      down,
      degraded,
      maintenance,
      maintenanceExcluded: excluded,
      uptime: total > 0 ? (total - down) / total : null,
    };
  });
}

export async function getServiceDetail(serviceId: string): Promise<ServiceDetail | null> {
  if (!z.string().uuid().safeParse(serviceId).success) return null;
  const service = await db.service.findUnique({ where: { id: serviceId } });
  if (!service) return null;
  const now = new Date();
  const [rows, uptime, events, days, deploys, alerts, pastAlerts, baselines, maintenance] =
    await Promise.all([
      loadTileRows({ serviceId }),
      uptimeByService([serviceId]),
      listHealthEvents({ serviceId, limit: 50 }),
      uptimeDays(serviceId, 90),
      listServiceDeploys(serviceId, 20),
      openAlertsByService([serviceId]),
      listPastAlerts(serviceId),
      listBaselines(serviceId),
      servicesInMaintenance(now, db, [serviceId]),
    ]);
  const row = rows[0];
  if (!row) return null;
  const inFlight = deploys.find((deploy) => deploy.status === "started");
  return {
    service: toServiceConfigView(service),
    tile: toTile(
      row,
      uptime.get(serviceId) ?? noUptime,
      inFlight ? deployingOf(inFlight) : null,
      now,
      alerts.get(serviceId) ?? [],
      maintenance.get(serviceId) ?? null,
    ),
    events,
    uptimeDays: days,
    deploys,
    pastAlerts,
    baselines,
  };
}

const rangeSpec: Record<
  LatencyRange,
  { granularity: "minute" | "hour"; spanMs: number; stepMs: number }
> = {
  "1h": { granularity: "minute", spanMs: 3_600_000, stepMs: 60_000 },
  "24h": { granularity: "minute", spanMs: 86_400_000, stepMs: 15 * 60_000 },
  "7d": { granularity: "hour", spanMs: 7 * 86_400_000, stepMs: 3_600_000 },
  "30d": { granularity: "hour", spanMs: 30 * 86_400_000, stepMs: 6 * 3_600_000 },
};

/** p50/p95/p99 per step, merged from rollup histograms. */
export async function getLatencySeries(
  serviceId: string,
  range: LatencyRange,
  now = new Date(),
): Promise<LatencyPoint[]> {
  const spec = rangeSpec[range];
  const from = new Date(Math.floor((now.getTime() - spec.spanMs) / spec.stepMs) * spec.stepMs);
  const rows = await db.checkRollup.findMany({
    where: { serviceId, granularity: spec.granularity, bucket: { gte: from } },
    orderBy: { bucket: "asc" },
    select: {
      bucket: true,
      latencyCount: true,
      latencySumMs: true,
      latencyMaxMs: true,
      latencyHistogram: true,
    },
  });
  const steps = new Map<number, typeof rows>();
  for (const row of rows) {
    const step = Math.floor(row.bucket.getTime() / spec.stepMs) * spec.stepMs;
    steps.set(step, [...(steps.get(step) ?? []), row]);
  }
  return [...steps.entries()].map(([step, group]) => {
    const count = group.reduce((sum, row) => sum + row.latencyCount, 0);
    const histogram = mergeHistograms(group.map((row) => row.latencyHistogram));
    const max = Math.max(...group.map((row) => row.latencyMaxMs));
    const sum = group.reduce((total, row) => total + Number(row.latencySumMs), 0);
    return {
      bucket: new Date(step).toISOString(),
      count,
      avgMs: count ? Math.round(sum / count) : null,
      p50Ms: histogramPercentile(histogram, 0.5, max),
      p95Ms: histogramPercentile(histogram, 0.95, max),
      p99Ms: histogramPercentile(histogram, 0.99, max),
    };
  });
}
