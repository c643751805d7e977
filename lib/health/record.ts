import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { applyCheckOutcome, type AlertCounters, type AlertTransition } from "@/lib/health/alerting";
import { storableOutcome, type CheckOutcome } from "@/lib/health/check";
import { addToHistogram, emptyHistogram, percentile } from "@/lib/health/histogram";
import type { AlertState, HealthStatus } from "@/lib/health/schema";
import { appendHealthEventsToOpenIncidents } from "@/lib/incidents/mutations";
import { publishHealthChange, publishIncidentChange } from "@/lib/live/bus";
import { toPostgresText } from "@/lib/postgres-text";

const recentLatencyLimit = 120;
export const monitorDegradedAt = { share: 0.8, minServices: 3, clearBelow: 0.5 };
/** Unstored results keep monitoring marked degraded until this long passes without another one. */
export const unstoredClearsAfterMs = 10 * 60_000;

type LockedState = {
  serviceId: string;
  name: string;
  failureThreshold: number;
  recoveryThreshold: number;
  intervalSeconds: number;
  alertState: AlertState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  flapping: boolean;
  statusChanges: Date[];
  lastStatus: HealthStatus | null;
  lastScheduledAt: Date | null;
  recentLatencies: number[];
  stateSince: Date;
  statusSince: Date | null;
};

type PendingEvent = { serviceId: string | null; kind: string; fromState: AlertState | null; toState: AlertState | null; status: HealthStatus | null; reason: string; at: Date };

const granularities = [
  { name: "minute", ms: 60_000 },
  { name: "hour", ms: 3_600_000 },
  { name: "day", ms: 86_400_000 },
] as const;

type RollupDelta = { serviceId: string; granularity: string; bucket: Date; total: number; up: number; degraded: number; down: number; latencyCount: number; latencySumMs: number; latencyMaxMs: number; histogram: number[] };

function rollupDeltas(outcomes: CheckOutcome[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const outcome of outcomes) {
    for (const granularity of granularities) {
      const bucket = new Date(Math.floor(outcome.scheduledAt.getTime() / granularity.ms) * granularity.ms);
      const key = `${outcome.serviceId}|${granularity.name}|${bucket.getTime()}`;
      const delta = deltas.get(key) ?? {
        serviceId: outcome.serviceId,
        granularity: granularity.name,
        bucket,
        total: 0,
        up: 0,
        degraded: 0,
        down: 0,
        latencyCount: 0,
        latencySumMs: 0,
        latencyMaxMs: 0,
        histogram: emptyHistogram(),
      };
      delta.total += 1;
      delta[outcome.status] += 1;
      if (outcome.latencyMs !== null) {
        delta.latencyCount += 1;
        delta.latencySumMs += outcome.latencyMs;
        delta.latencyMaxMs = Math.max(delta.latencyMaxMs, outcome.latencyMs);
        delta.histogram = addToHistogram(delta.histogram, outcome.latencyMs);
      }
      deltas.set(key, delta);
    }
  }
  return [...deltas.values()];
}

async function upsertRollups(tx: Prisma.TransactionClient, deltas: RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = deltas.map(
    (delta) => Prisma.sql`(${delta.serviceId}::uuid, ${delta.granularity}::"RollupGranularity", ${delta.bucket}, ${delta.total}, ${delta.up}, ${delta.degraded}, ${delta.down},
      ${delta.latencyCount}, ${delta.latencySumMs}::bigint, ${delta.latencyMaxMs}, ${delta.histogram}::int[])`,
  );
  await tx.$executeRaw`
    INSERT INTO "CheckRollup" ("serviceId", granularity, bucket, total, up, degraded, down, "latencyCount", "latencySumMs", "latencyMaxMs", "latencyHistogram")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("serviceId", granularity, bucket) DO UPDATE SET
      total = "CheckRollup".total + EXCLUDED.total,
      up = "CheckRollup".up + EXCLUDED.up,
      degraded = "CheckRollup".degraded + EXCLUDED.degraded,
      down = "CheckRollup".down + EXCLUDED.down,
      "latencyCount" = "CheckRollup"."latencyCount" + EXCLUDED."latencyCount",
      "latencySumMs" = "CheckRollup"."latencySumMs" + EXCLUDED."latencySumMs",
      "latencyMaxMs" = GREATEST("CheckRollup"."latencyMaxMs", EXCLUDED."latencyMaxMs"),
      "latencyHistogram" = ARRAY(
        SELECT COALESCE(a, 0) + COALESCE(b, 0)
        FROM unnest("CheckRollup"."latencyHistogram", EXCLUDED."latencyHistogram") AS pair(a, b))`;
}

async function lockStates(tx: Prisma.TransactionClient, serviceIds: string[]): Promise<LockedState[]> {
  await tx.$executeRaw`
    INSERT INTO "ServiceState" ("serviceId", "updatedAt") SELECT id, now() FROM "Service" WHERE id = ANY(${serviceIds}::uuid[])
    ON CONFLICT ("serviceId") DO NOTHING`;
  return tx.$queryRaw<LockedState[]>`
    SELECT st."serviceId", sv.name, sv."failureThreshold", sv."recoveryThreshold", sv."intervalSeconds",
           st."alertState", st."consecutiveFailures", st."consecutiveSuccesses", st.flapping, st."statusChanges",
           st."lastStatus", st."lastScheduledAt", st."recentLatencies", st."stateSince", st."statusSince"
    FROM "ServiceState" st JOIN "Service" sv ON sv.id = st."serviceId"
    WHERE st."serviceId" = ANY(${serviceIds}::uuid[])
    ORDER BY st."serviceId"
    FOR UPDATE OF st`;
}

function reasonFor(transition: AlertTransition, outcome: CheckOutcome, locked: LockedState, counters: AlertCounters): string {
  switch (transition.kind) {
    case "failing":
      return `${counters.consecutiveFailures} of ${locked.failureThreshold} checks failed: ${outcome.reason}`;
    case "alerting":
      return `paging: ${counters.consecutiveFailures} consecutive checks failed: ${outcome.reason}`;
    case "recovering":
      return `${counters.consecutiveSuccesses} of ${locked.recoveryThreshold} checks passed`;
    case "recovered":
      return `recovered: ${counters.consecutiveSuccesses} consecutive checks passed`;
    case "cleared":
      return "the next check passed";
    case "flapping_started":
      return `flapping: ${counters.statusChanges.length} changes between pass and fail recently; alerting once until it settles`;
    case "flapping_stopped":
      return "stopped flapping";
  }
}

async function updateMonitorStatus(tx: Prisma.TransactionClient, now: Date): Promise<{ degraded: boolean; event: PendingEvent | null }> {
  const [counts] = await tx.$queryRaw<{ down: bigint; total: bigint }[]>`
    SELECT count(*) FILTER (WHERE st."lastStatus" = 'down') AS down, count(*) AS total
    FROM "ServiceState" st JOIN "Service" sv ON sv.id = st."serviceId"
    WHERE sv.enabled AND st."lastStatus" IS NOT NULL`;
  const down = Number(counts?.down ?? 0);
  const total = Number(counts?.total ?? 0);
  const share = total ? down / total : 0;
  const current = await tx.monitorStatus.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
  if (!current.degraded && total >= monitorDegradedAt.minServices && share >= monitorDegradedAt.share) {
    const reason = `${down} of ${total} services fail at once: the problem is more likely Vigil's own network or DNS than every service`;
    await tx.monitorStatus.update({ where: { id: 1 }, data: { degraded: true, since: now, reason } });
    return { degraded: true, event: { serviceId: null, kind: "monitor_degraded", fromState: null, toState: null, status: null, reason, at: now } };
  }
  if (current.degraded && share < monitorDegradedAt.clearBelow) {
    await tx.monitorStatus.update({ where: { id: 1 }, data: { degraded: false, since: now, reason: null } });
    return { degraded: false, event: { serviceId: null, kind: "monitor_recovered", fromState: null, toState: null, status: null, reason: `${down} of ${total} services failing`, at: now } };
  }
  return { degraded: current.degraded, event: null };
}

/** Results are being stored again: the "could not be stored" part of the degraded status ends once it has been quiet a while. */
async function clearUnstoredIfQuiet(tx: Prisma.TransactionClient, now: Date): Promise<PendingEvent | null> {
  const cleared = await tx.$queryRaw<{ unstoredCount: number; unstoredSince: Date }[]>`
    UPDATE "MonitorStatus" m SET "unstoredCount" = 0, "unstoredSince" = NULL, "unstoredLastAt" = NULL, "unstoredReason" = NULL, "updatedAt" = now()
    FROM (SELECT "unstoredCount", "unstoredSince" FROM "MonitorStatus" WHERE id = 1) AS before
    WHERE m.id = 1 AND m."unstoredSince" IS NOT NULL AND m."unstoredLastAt" < ${new Date(now.getTime() - unstoredClearsAfterMs)}
    RETURNING before."unstoredCount", before."unstoredSince"`;
  const row = cleared[0];
  if (!row) return null;
  const reason = `check results are stored again (${row.unstoredCount} could not be stored since ${row.unstoredSince.toISOString()})`;
  return { serviceId: null, kind: "monitor_recovered", fromState: null, toState: null, status: null, reason, at: now };
}

export type UnstoredReport = { count: number; reason: string; firstAt: Date; lastAt: Date };

/**
 * Counts check results the writer could not store (a row Postgres refused even in its minimal form, or
 * results dropped past the buffer's bound) on the monitor status. The first one marks monitoring
 * degraded with a monitor_degraded event; the overview shows the count until it has been quiet a while.
 */
export async function recordUnstoredResults(report: UnstoredReport): Promise<void> {
  if (report.count <= 0) return;
  const reason = toPostgresText(report.reason, 500);
  const incidentIds = await db.$transaction(async (tx) => {
    await tx.monitorStatus.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
    const [current] = await tx.$queryRaw<{ unstoredSince: Date | null }[]>`SELECT "unstoredSince" FROM "MonitorStatus" WHERE id = 1 FOR UPDATE`;
    await tx.monitorStatus.update({
      where: { id: 1 },
      data: { unstoredCount: { increment: report.count }, unstoredSince: current?.unstoredSince ?? report.firstAt, unstoredLastAt: report.lastAt, unstoredReason: reason },
    });
    if (current?.unstoredSince) return [];
    const event = await tx.healthEvent.create({
      data: { serviceId: null, kind: "monitor_degraded", reason: `monitoring is degraded: ${report.count} check ${report.count === 1 ? "result" : "results"} could not be stored: ${reason}`, at: report.firstAt },
      select: { id: true },
    });
    return appendHealthEventsToOpenIncidents(tx, [event.id]);
  });
  await publishHealthChange([]);
  if (incidentIds.length > 0) await publishIncidentChange(incidentIds, "timeline");
}

/** What is left of an outcome Postgres refused: its status, and why the rest could not be kept. */
export function minimalOutcome(outcome: CheckOutcome, why: string): CheckOutcome {
  return {
    serviceId: outcome.serviceId,
    scheduledAt: outcome.scheduledAt,
    startedAt: outcome.startedAt,
    status: outcome.status,
    reason: toPostgresText(`the answer could not be stored: ${why}`, 1_000),
    httpStatus: null,
    latencyMs: null,
    timings: null,
    version: null,
    figures: {},
    bodySample: null,
    tlsExpiresAt: null,
    manual: outcome.manual,
  };
}

/**
 * Writes a batch of check outcomes in one transaction: raw results (a slot is stored once), the alert
 * state machine per service (a result older than the last applied one changes nothing, A4), events,
 * rollups and the "monitoring itself is degraded" status, then tells every instance.
 */
export async function recordOutcomes(unchecked: CheckOutcome[]): Promise<{ written: number; serviceIds: string[] }> {
  if (unchecked.length === 0) return { written: 0, serviceIds: [] };
  // Outcomes are made storable where they are built; again here, because one bad row refuses the whole batch.
  const outcomes = unchecked.map(storableOutcome);
  const now = new Date();
  const result = await db.$transaction(
    async (tx) => {
      const ids = [...new Set(outcomes.map((outcome) => outcome.serviceId))];
      const existing = new Set((await tx.service.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((service) => service.id));
      const live = outcomes.filter((outcome) => existing.has(outcome.serviceId));
      const inserted = await tx.checkResult.createManyAndReturn({
        data: live.map((outcome) => ({
          serviceId: outcome.serviceId,
          scheduledAt: outcome.scheduledAt,
          startedAt: outcome.startedAt,
          status: outcome.status,
          reason: outcome.reason,
          httpStatus: outcome.httpStatus,
          latencyMs: outcome.latencyMs,
          timings: outcome.timings ?? Prisma.DbNull,
          version: outcome.version,
          figures: outcome.figures,
          bodySample: outcome.bodySample,
          manual: outcome.manual,
        })),
        skipDuplicates: true,
        select: { serviceId: true, scheduledAt: true },
      });
      const insertedKeys = new Set(inserted.map((row) => `${row.serviceId}|${row.scheduledAt.getTime()}`));
      const fresh = live.filter((outcome) => insertedKeys.has(`${outcome.serviceId}|${outcome.scheduledAt.getTime()}`));
      if (fresh.length === 0) return { written: 0, serviceIds: [], incidentIds: [] };

      const events: PendingEvent[] = [];
      const changedIds = [...new Set(fresh.map((outcome) => outcome.serviceId))];
      for (const locked of await lockStates(tx, changedIds)) {
        const mine = fresh
          .filter((outcome) => outcome.serviceId === locked.serviceId && (!locked.lastScheduledAt || outcome.scheduledAt > locked.lastScheduledAt))
          .sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
        if (mine.length === 0) continue;
        let counters: AlertCounters = {
          alertState: locked.alertState,
          consecutiveFailures: locked.consecutiveFailures,
          consecutiveSuccesses: locked.consecutiveSuccesses,
          flapping: locked.flapping,
          statusChanges: locked.statusChanges,
          lastFailed: locked.lastStatus === null ? null : locked.lastStatus === "down",
        };
        let stateSince = locked.stateSince;
        let statusSince = locked.statusSince;
        let lastStatus = locked.lastStatus;
        let recent = locked.recentLatencies;
        for (const outcome of mine) {
          const { next, transitions } = applyCheckOutcome(counters, outcome.status, outcome.scheduledAt, locked);
          for (const transition of transitions) {
            events.push({
              serviceId: locked.serviceId,
              kind: transition.kind,
              fromState: transition.from,
              toState: transition.to,
              status: outcome.status,
              reason: reasonFor(transition, outcome, locked, next),
              at: outcome.scheduledAt,
            });
          }
          if (next.alertState !== counters.alertState) stateSince = outcome.scheduledAt;
          if (outcome.status !== lastStatus) statusSince = outcome.scheduledAt;
          lastStatus = outcome.status;
          if (outcome.latencyMs !== null) recent = [...recent, outcome.latencyMs].slice(-recentLatencyLimit);
          counters = next;
        }
        const last = mine.at(-1) as CheckOutcome;
        const lastVersion = mine.findLast((outcome) => outcome.version)?.version;
        const lastFigures = mine.findLast((outcome) => Object.keys(outcome.figures).length > 0)?.figures;
        await tx.serviceState.update({
          where: { serviceId: locked.serviceId },
          data: {
            alertState: counters.alertState,
            consecutiveFailures: counters.consecutiveFailures,
            consecutiveSuccesses: counters.consecutiveSuccesses,
            flapping: counters.flapping,
            statusChanges: counters.statusChanges,
            lastStatus: last.status,
            lastReason: last.reason,
            lastScheduledAt: last.scheduledAt,
            lastLatencyMs: last.latencyMs,
            lastHttpStatus: last.httpStatus,
            // A failed check has no body to read: keep the last known version and figures on the tile.
            ...(lastVersion ? { lastVersion } : {}),
            ...(lastFigures ? { lastFigures } : {}),
            stateSince,
            statusSince,
            recentLatencies: recent,
            p95LastHourMs: percentile(recent, 0.95),
            ...(last.tlsExpiresAt ? { tlsExpiresAt: last.tlsExpiresAt } : {}),
          },
        });
      }

      const monitor = await updateMonitorStatus(tx, now);
      if (monitor.event) events.push(monitor.event);
      const storedAgain = await clearUnstoredIfQuiet(tx, now);
      if (storedAgain) events.push(storedAgain);
      let incidentIds: string[] = [];
      if (events.length > 0) {
        const created = await tx.healthEvent.createManyAndReturn({
          // While monitoring itself is degraded, per-service pages are kept but marked suppressed (A3).
          data: events.map((event) => ({ ...event, suppressed: monitor.degraded && event.kind === "alerting" })),
          select: { id: true },
        });
        incidentIds = await appendHealthEventsToOpenIncidents(
          tx,
          created.map((event) => event.id),
        );
      }
      await upsertRollups(tx, rollupDeltas(fresh));
      return { written: fresh.length, serviceIds: changedIds, incidentIds };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  if (result.written > 0) await publishHealthChange(result.serviceIds);
  if (result.incidentIds.length > 0) await publishIncidentChange(result.incidentIds, "timeline");
  return { written: result.written, serviceIds: result.serviceIds };
}

