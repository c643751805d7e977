import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  alertEventKind,
  applyCountedOutcome,
  countsTowardAlerts,
  desiredAlerts,
  diffAlerts,
  type AlertCounters,
  type AlertRules,
  type CounterEventKind,
  type DesiredAlert,
  type OpenAlert,
} from "@/lib/health/alerting";
import { observeFigures, type FigureBaselines } from "@/lib/health/baseline-rules";
import { storableOutcome, type CheckOutcome } from "@/lib/health/check";
import { addToHistogram, emptyHistogram } from "@/lib/health/histogram";
import type {
  AlertEvidence,
  AlertRule,
  AlertState,
  BurnRates,
  HealthStatus,
  KeyFigures,
  ProbeProfile,
} from "@/lib/health/types";
import {
  burnRatesOf,
  burnRules,
  formatBurn,
  isBurning,
  judgeLatencyWindow,
} from "@/lib/health/slo";
import { loadServiceWindows, type ServiceWindows } from "@/lib/health/windows";
import { appendHealthEventsToOpenIncidents } from "@/lib/incidents/mutations";
import { publishHealthChange, publishIncidentChange } from "@/lib/live/bus";
import { toPostgresText } from "@/lib/postgres-text";
import { humanDuration } from "@/lib/time/duration";
import { maintenanceCoverage } from "@/lib/maintenance/data";
import { maintenanceUntil } from "@/lib/maintenance/windows";
import { formatMs } from "@/lib/health/profiles";

const recentLatencyLimit = 120;
const evidenceLimit = 5;
export const monitorDegradedAt = { share: 0.8, minServices: 3, clearBelow: 0.5 };
/** Unstored results keep monitoring marked degraded until this long passes without another one. */
export const unstoredClearsAfterMs = 10 * 60_000;

/** A service's alert settings and its stored counters, read under the row lock. */
type LockedState = AlertRules &
  Omit<AlertCounters, "lastFailed"> & {
    serviceId: string;
    name: string;
    profile: ProbeProfile;
    latencySloMs: number;
    latencyWindowSeconds: number;
    availabilitySlo: number;
    lastStatus: HealthStatus | null;
    lastReason: string | null;
    lastScheduledAt: Date | null;
    recentLatencies: number[];
    stateSince: Date;
    statusSince: Date | null;
    tlsExpiresAt: Date | null;
    firstCheckedAt: Date | null;
  };

type PendingEvent = {
  serviceId: string | null;
  kind: string;
  fromState: AlertState | null;
  toState: AlertState | null;
  status: HealthStatus | null;
  reason: string;
  at: Date;
};

const granularities = [
  { name: "minute", ms: 60_000 },
  { name: "hour", ms: 3_600_000 },
  { name: "day", ms: 86_400_000 },
] as const;

type RollupDelta = {
  serviceId: string;
  granularity: string;
  bucket: Date;
  total: number;
  up: number;
  degraded: number;
  down: number;
  maintenanceUp: number;
  maintenanceDegraded: number;
  maintenanceDown: number;
  latencyCount: number;
  latencySumMs: number;
  latencyMaxMs: number;
  histogram: number[];
};

const maintenanceCounter = {
  up: "maintenanceUp",
  degraded: "maintenanceDegraded",
  down: "maintenanceDown",
} as const;

/** Results taken in maintenance count as usual and, besides, in the maintenance counts readers may leave out. */
function rollupDeltas(
  outcomes: CheckOutcome[],
  inMaintenance: (outcome: CheckOutcome) => boolean = () => false,
): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const outcome of outcomes) {
    for (const granularity of granularities) {
      const bucket = new Date(
        Math.floor(outcome.scheduledAt.getTime() / granularity.ms) * granularity.ms,
      );
      const key = `${outcome.serviceId}|${granularity.name}|${bucket.getTime()}`;
      const delta = deltas.get(key) ?? {
        serviceId: outcome.serviceId,
        granularity: granularity.name,
        bucket,
        total: 0,
        up: 0,
        degraded: 0,
        down: 0,
        maintenanceUp: 0,
        maintenanceDegraded: 0,
        maintenanceDown: 0,
        latencyCount: 0,
        latencySumMs: 0,
        latencyMaxMs: 0,
        histogram: emptyHistogram(),
      };
      delta.total += 1;
      delta[outcome.status] += 1;
      if (inMaintenance(outcome)) delta[maintenanceCounter[outcome.status]] += 1;
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
    (
      delta,
    ) => Prisma.sql`(${delta.serviceId}::uuid, ${delta.granularity}::"RollupGranularity", ${delta.bucket}, ${delta.total}, ${delta.up}, ${delta.degraded}, ${delta.down},
      ${delta.maintenanceUp}, ${delta.maintenanceDegraded}, ${delta.maintenanceDown}, ${delta.latencyCount}, ${delta.latencySumMs}::bigint, ${delta.latencyMaxMs}, ${delta.histogram}::int[])`,
  );
  await tx.$executeRaw`
    INSERT INTO "CheckRollup" ("serviceId", granularity, bucket, total, up, degraded, down, "maintenanceUp", "maintenanceDegraded", "maintenanceDown",
      "latencyCount", "latencySumMs", "latencyMaxMs", "latencyHistogram")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("serviceId", granularity, bucket) DO UPDATE SET
      total = "CheckRollup".total + EXCLUDED.total,
      up = "CheckRollup".up + EXCLUDED.up,
      degraded = "CheckRollup".degraded + EXCLUDED.degraded,
      down = "CheckRollup".down + EXCLUDED.down,
      "maintenanceUp" = "CheckRollup"."maintenanceUp" + EXCLUDED."maintenanceUp",
      "maintenanceDegraded" = "CheckRollup"."maintenanceDegraded" + EXCLUDED."maintenanceDegraded",
      "maintenanceDown" = "CheckRollup"."maintenanceDown" + EXCLUDED."maintenanceDown",
      "latencyCount" = "CheckRollup"."latencyCount" + EXCLUDED."latencyCount",
      "latencySumMs" = "CheckRollup"."latencySumMs" + EXCLUDED."latencySumMs",
      "latencyMaxMs" = GREATEST("CheckRollup"."latencyMaxMs", EXCLUDED."latencyMaxMs"),
      "latencyHistogram" = ARRAY(
        SELECT COALESCE(a, 0) + COALESCE(b, 0)
        FROM unnest("CheckRollup"."latencyHistogram", EXCLUDED."latencyHistogram") AS pair(a, b))`;
}

async function lockStates(
  tx: Prisma.TransactionClient,
  serviceIds: string[],
): Promise<LockedState[]> {
  await tx.$executeRaw`
    INSERT INTO "ServiceState" ("serviceId", "updatedAt") SELECT id, now() FROM "Service" WHERE id = ANY(${serviceIds}::uuid[])
    ON CONFLICT ("serviceId") DO NOTHING`;
  return tx.$queryRaw<LockedState[]>`
    SELECT st."serviceId", sv.name, sv.profile, sv."failureThreshold", sv."recoveryThreshold", sv."intervalSeconds",
           sv."flappingStableSeconds", sv."degradedWarnAfterSeconds", sv."checkTlsExpiry", sv."certWarnDays", sv."certPageDays",
           sv."latencySloMs", sv."latencyWindowSeconds", sv."availabilitySlo",
           st."alertState", st."consecutiveFailures", st."consecutiveSuccesses", st.flapping, st."flappingSince", st."statusChanges",
           st."lastStatus", st."lastReason", st."lastScheduledAt", st."lastCountedAt", st."unhealthySince", st."recentLatencies",
           st."stateSince", st."statusSince", st."tlsExpiresAt", st."firstCheckedAt"
    FROM "ServiceState" st JOIN "Service" sv ON sv.id = st."serviceId"
    WHERE st."serviceId" = ANY(${serviceIds}::uuid[])
    ORDER BY st."serviceId"
    FOR UPDATE OF st`;
}

function counterReason(
  kind: CounterEventKind,
  outcome: CheckOutcome,
  locked: LockedState,
  counters: AlertCounters,
): string {
  switch (kind) {
    case "failing":
      return `${counters.consecutiveFailures} of ${locked.failureThreshold} checks failed: ${outcome.reason}`;
    case "recovering":
      return `${counters.consecutiveSuccesses} of ${locked.recoveryThreshold} checks passed`;
    case "cleared":
      return "the next check passed";
  }
}

async function updateMonitorStatus(
  tx: Prisma.TransactionClient,
  now: Date,
): Promise<{ degraded: boolean; event: PendingEvent | null }> {
  const [counts] = await tx.$queryRaw<{ down: bigint; total: bigint }[]>`
    SELECT count(*) FILTER (WHERE st."lastStatus" = 'down') AS down, count(*) AS total
    FROM "ServiceState" st JOIN "Service" sv ON sv.id = st."serviceId"
    WHERE sv.enabled AND st."lastStatus" IS NOT NULL`;
  const down = Number(counts?.down ?? 0);
  const total = Number(counts?.total ?? 0);
  const share = total ? down / total : 0;
  const current = await tx.monitorStatus.upsert({
    where: { id: 1 },
    create: { id: 1 },
    update: {},
  });
  if (
    !current.degraded &&
    total >= monitorDegradedAt.minServices &&
    share >= monitorDegradedAt.share
  ) {
    const reason = `${down} of ${total} services fail at once: the problem is more likely Vigil's own network or DNS than every service`;
    await tx.monitorStatus.update({
      where: { id: 1 },
      data: { degraded: true, since: now, reason },
    });
    return {
      degraded: true,
      event: {
        serviceId: null,
        kind: "monitor_degraded",
        fromState: null,
        toState: null,
        status: null,
        reason,
        at: now,
      },
    };
  }
  if (current.degraded && share < monitorDegradedAt.clearBelow) {
    await tx.monitorStatus.update({
      where: { id: 1 },
      data: { degraded: false, since: now, reason: null },
    });
    return {
      degraded: false,
      event: {
        serviceId: null,
        kind: "monitor_recovered",
        fromState: null,
        toState: null,
        status: null,
        reason: `${down} of ${total} services failing`,
        at: now,
      },
    };
  }
  return { degraded: current.degraded, event: null };
}

/** Results are being stored again: the "could not be stored" part of the degraded status ends once it has been quiet a while. */
async function clearUnstoredIfQuiet(
  tx: Prisma.TransactionClient,
  now: Date,
): Promise<PendingEvent | null> {
  const cleared = await tx.$queryRaw<{ unstoredCount: number; unstoredSince: Date }[]>`
    UPDATE "MonitorStatus" m SET "unstoredCount" = 0, "unstoredSince" = NULL, "unstoredLastAt" = NULL, "unstoredReason" = NULL, "updatedAt" = now()
    FROM (SELECT "unstoredCount", "unstoredSince" FROM "MonitorStatus" WHERE id = 1) AS before
    WHERE m.id = 1 AND m."unstoredSince" IS NOT NULL AND m."unstoredLastAt" < ${new Date(now.getTime() - unstoredClearsAfterMs)}
    RETURNING before."unstoredCount", before."unstoredSince"`;
  const row = cleared[0];
  if (!row) return null;
  const reason = `check results are stored again (${row.unstoredCount} could not be stored since ${row.unstoredSince.toISOString()})`;
  return {
    serviceId: null,
    kind: "monitor_recovered",
    fromState: null,
    toState: null,
    status: null,
    reason,
    at: now,
  };
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
    const [current] = await tx.$queryRaw<
      { unstoredSince: Date | null }[]
    >`SELECT "unstoredSince" FROM "MonitorStatus" WHERE id = 1 FOR UPDATE`;
    await tx.monitorStatus.update({
      where: { id: 1 },
      data: {
        unstoredCount: { increment: report.count },
        unstoredSince: current?.unstoredSince ?? report.firstAt,
        unstoredLastAt: report.lastAt,
        unstoredReason: reason,
      },
    });
    if (current?.unstoredSince) return [];
    const event = await tx.healthEvent.create({
      data: {
        serviceId: null,
        kind: "monitor_degraded",
        reason: `monitoring is degraded: ${report.count} check ${report.count === 1 ? "result" : "results"} could not be stored: ${reason}`,
        at: report.firstAt,
      },
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

/** An outcome with the service-level latency verdict applied: an up check in a window over the SLO is degraded. */
function judged(
  outcome: CheckOutcome,
  latency: { p95Ms: number | null; breached: boolean },
  locked: LockedState,
): CheckOutcome {
  if (outcome.status !== "up" || !latency.breached || latency.p95Ms === null) return outcome;
  const reason = `slow: p95 over the last ${humanDuration(locked.latencyWindowSeconds * 1000)} is ${formatMs(latency.p95Ms)}, over the ${formatMs(locked.latencySloMs)} SLO`;
  return { ...outcome, status: "degraded", reason };
}

function burnDetail(rates: BurnRates | null, slo: number, kind: "fast" | "slow"): string {
  const rule = burnRules[kind];
  const long = kind === "fast" ? rates?.fastLong : rates?.slowLong;
  const short = kind === "fast" ? rates?.fastShort : rates?.slowShort;
  return `${formatBurn(long ?? null)} over ${humanDuration(rule.longMs)} and ${formatBurn(short ?? null)} over ${humanDuration(rule.shortMs)} (${kind === "fast" ? "pages" : "warns"} at ${rule.rate}x of a ${(slo * 100).toFixed(slo >= 0.999 ? 2 : 1)} % SLO)`;
}

/** The checks behind an alert: the newest scheduled ones of the run that raised it. */
async function evidenceFor(
  tx: Prisma.TransactionClient,
  serviceId: string,
  alert: DesiredAlert,
  counters: AlertCounters,
  tlsExpiresAt: Date | null,
  at: Date,
): Promise<AlertEvidence[]> {
  if (alert.rule === "certificate")
    return [
      {
        at: at.toISOString(),
        status: null,
        reason: `the certificate served is valid until ${tlsExpiresAt?.toISOString() ?? "unknown"}`,
      },
    ];
  if (alert.rule === "flapping") {
    return counters.statusChanges.slice(-evidenceLimit).map((change) => ({
      at: change.toISOString(),
      status: null,
      reason: "the result switched between pass and fail",
    }));
  }
  const since =
    alert.rule === "down" || alert.rule === "degraded"
      ? (counters.unhealthySince ?? at)
      : new Date(at.getTime() - burnRules.fast.longMs);
  const rows = await tx.checkResult.findMany({
    where: {
      serviceId,
      manual: false,
      scheduledAt: { gte: since, lte: at },
      ...(alert.rule === "degraded" ? {} : { status: "down" as const }),
    },
    orderBy: { scheduledAt: "desc" },
    take: evidenceLimit,
    select: { id: true, scheduledAt: true, status: true, reason: true },
  });
  return rows.map((row) => ({
    at: row.scheduledAt.toISOString(),
    status: row.status,
    reason: row.reason,
    checkId: row.id.toString(),
  }));
}

type ServiceJudgement = { events: PendingEvent[]; state: StateRow };

/**
 * Applies one service's fresh outcomes under its row lock: the counters (scheduled checks only), the
 * windowed latency and burn-rate verdicts, baselines, and the open alerts, with an event for each change.
 */
async function judgeService(
  tx: Prisma.TransactionClient,
  locked: LockedState,
  mine: CheckOutcome[],
  windows: ServiceWindows | undefined,
  openAlerts: OpenAlert[],
  baselines: FigureBaselines,
): Promise<ServiceJudgement> {
  const events: PendingEvent[] = [];
  const rules: AlertRules = locked;
  const latency = judgeLatencyWindow(
    windows?.latency ?? { histogram: [], maxMs: 0 },
    locked.latencySloMs,
  );
  const hourP95 = judgeLatencyWindow(
    windows?.hour ?? { histogram: [], maxMs: 0 },
    locked.latencySloMs,
  ).p95Ms;
  let counters: AlertCounters = {
    alertState: locked.alertState,
    consecutiveFailures: locked.consecutiveFailures,
    consecutiveSuccesses: locked.consecutiveSuccesses,
    flapping: locked.flapping,
    flappingSince: locked.flappingSince,
    statusChanges: locked.statusChanges,
    lastFailed:
      locked.consecutiveFailures > 0 ? true : locked.consecutiveSuccesses > 0 ? false : null,
    lastCountedAt: locked.lastCountedAt,
    unhealthySince: locked.unhealthySince,
  };
  let stateSince = locked.stateSince;
  let lastCounted: CheckOutcome | null = null;
  let shown: CheckOutcome | null = null;
  let statusSince = locked.statusSince;
  let shownStatus = locked.lastStatus;
  let recent = locked.recentLatencies;
  let lastFailure: CheckOutcome | null = null;
  for (const outcome of mine.map((raw) => judged(raw, latency, locked))) {
    if (countsTowardAlerts(counters, outcome.scheduledAt, outcome.manual, locked.intervalSeconds)) {
      const { next, transitions } = applyCountedOutcome(
        counters,
        outcome.status,
        outcome.scheduledAt,
        rules,
      );
      // While flapping, per-check transitions are not news: the flapping alert is.
      if (!next.flapping) {
        for (const transition of transitions) {
          events.push({
            serviceId: locked.serviceId,
            kind: transition.kind,
            fromState: transition.from,
            toState: transition.to,
            status: outcome.status,
            reason: counterReason(transition.kind, outcome, locked, next),
            at: outcome.scheduledAt,
          });
        }
      }
      if (next.alertState !== counters.alertState) stateSince = outcome.scheduledAt;
      counters = next;
      lastCounted = outcome;
    }
    if (!locked.lastScheduledAt || outcome.scheduledAt > locked.lastScheduledAt) {
      if (outcome.status !== shownStatus) statusSince = outcome.scheduledAt;
      shownStatus = outcome.status;
      shown = outcome;
    }
    if (outcome.status !== "up") lastFailure = outcome;
    if (outcome.latencyMs !== null)
      recent = [...recent, outcome.latencyMs].slice(-recentLatencyLimit);
  }

  const newest = mine.at(-1) as CheckOutcome;
  const tlsExpiresAt =
    mine.findLast((outcome) => outcome.tlsExpiresAt)?.tlsExpiresAt ?? locked.tlsExpiresAt;
  const withFigures = mine.findLast((outcome) => Object.keys(outcome.figures).length > 0);
  const lastVersion = mine.findLast((outcome) => outcome.version)?.version;
  const coveredMs =
    newest.scheduledAt.getTime() -
    (locked.firstCheckedAt ?? (mine[0] as CheckOutcome).scheduledAt).getTime();
  const burnRates = windows
    ? burnRatesOf(windows.burn, locked.availabilitySlo, newest.scheduledAt)
    : null;
  const burning = {
    fast: windows
      ? isBurning("fast", windows.burn, locked.availabilitySlo, locked.failureThreshold, coveredMs)
      : false,
    slow: windows
      ? isBurning("slow", windows.burn, locked.availabilitySlo, locked.failureThreshold, coveredMs)
      : false,
    detail: {
      fast: burnDetail(burnRates, locked.availabilitySlo, "fast"),
      slow: burnDetail(burnRates, locked.availabilitySlo, "slow"),
    },
  };
  const desired = desiredAlerts({
    counters,
    status: lastCounted?.status ?? null,
    reason: lastCounted?.reason ?? null,
    at: newest.scheduledAt,
    tlsExpiresAt,
    burning,
    openRules: new Set(openAlerts.map((alert) => alert.rule)),
    rules,
  });
  const changes = diffAlerts(openAlerts, desired);
  const alertEvent = (
    rule: AlertRule,
    kind: string,
    reason: string,
    closing: boolean,
  ): PendingEvent => ({
    serviceId: locked.serviceId,
    kind,
    fromState: rule === "down" ? (closing ? "alerting" : locked.alertState) : null,
    toState: rule === "down" ? (closing ? counters.alertState : "alerting") : null,
    status: lastCounted?.status ?? shown?.status ?? null,
    reason,
    at: newest.scheduledAt,
  });
  for (const alert of changes.opened) {
    const evidence = await evidenceFor(
      tx,
      locked.serviceId,
      alert,
      counters,
      tlsExpiresAt,
      newest.scheduledAt,
    );
    await tx.alert.create({
      data: {
        serviceId: locked.serviceId,
        rule: alert.rule,
        level: alert.level,
        reason: toPostgresText(alert.reason, 2_000),
        evidence,
        startedAt: newest.scheduledAt,
      },
    });
    events.push(
      alertEvent(alert.rule, alertEventKind(alert.rule, alert.level, "open"), alert.reason, false),
    );
  }
  for (const change of changes.relevelled) {
    await tx.alert.update({
      where: { id: change.id },
      data: { level: change.to.level, reason: toPostgresText(change.to.reason, 2_000) },
    });
    events.push(
      alertEvent(
        change.to.rule,
        alertEventKind(change.to.rule, change.to.level, "open"),
        change.to.reason,
        false,
      ),
    );
  }
  for (const alert of changes.closed) {
    const endReason = closeReason(alert.rule, counters);
    await tx.alert.update({
      where: { id: alert.id },
      data: { endedAt: newest.scheduledAt, endReason },
    });
    events.push(
      alertEvent(
        alert.rule,
        alertEventKind(alert.rule, alert.level, "close"),
        `${endReason} (was: ${alert.reason})`,
        true,
      ),
    );
  }

  const observed = withFigures
    ? observeFigures(locked.profile, baselines, withFigures.figures, withFigures.scheduledAt)
    : [];
  for (const baseline of observed) {
    const data = {
      value: baseline.value,
      source: baseline.source,
      setAt: new Date(baseline.setAt),
    };
    await tx.serviceBaseline.upsert({
      where: { serviceId_figure: { serviceId: locked.serviceId, figure: baseline.figure } },
      create: { serviceId: locked.serviceId, figure: baseline.figure, ...data },
      update: data,
    });
  }

  const { lastFailed: _derivedFromTheCounts, ...stored } = counters;
  const state: StateRow = {
    ...stored,
    serviceId: locked.serviceId,
    shown: shown !== null,
    lastStatus: shown?.status ?? null,
    lastReason: shown?.reason ?? null,
    lastScheduledAt: shown?.scheduledAt ?? null,
    lastLatencyMs: shown?.latencyMs ?? null,
    lastHttpStatus: shown?.httpStatus ?? null,
    lastVersion: lastVersion ?? null,
    lastFigures: withFigures?.figures ?? null,
    lastFiguresAt: withFigures?.scheduledAt ?? null,
    lastFailureAt: lastFailure?.scheduledAt ?? null,
    lastFailureReason: lastFailure?.reason ?? null,
    stateSince,
    statusSince,
    recentLatencies: recent,
    p95LastHourMs: hourP95,
    p95WindowMs: latency.p95Ms,
    latencyBreached: latency.breached,
    burnRates,
    tlsExpiresAt: tlsExpiresAt ?? null,
    firstCheckedAt: locked.firstCheckedAt ?? (mine[0] as CheckOutcome).scheduledAt,
  };
  return { events, state };
}

type StateRow = Omit<AlertCounters, "lastFailed"> & {
  serviceId: string;
  /** Whether a newer result is shown: otherwise the last* result columns keep what they hold. */
  shown: boolean;
  lastStatus: HealthStatus | null;
  lastReason: string | null;
  lastScheduledAt: Date | null;
  lastLatencyMs: number | null;
  lastHttpStatus: number | null;
  // Null keeps the stored value: a failed check has no body, so the last known version and figures stay.
  lastVersion: string | null;
  lastFigures: KeyFigures | null;
  lastFiguresAt: Date | null;
  lastFailureAt: Date | null;
  lastFailureReason: string | null;
  stateSince: Date;
  statusSince: Date | null;
  recentLatencies: number[];
  p95LastHourMs: number | null;
  p95WindowMs: number | null;
  latencyBreached: boolean;
  burnRates: BurnRates | null;
  tlsExpiresAt: Date | null;
  firstCheckedAt: Date;
};

/** Every judged service's state in one statement: a round trip per batch, not per service, so the writer keeps up with hundreds of results a second. */
async function writeStates(tx: Prisma.TransactionClient, rows: StateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ServiceState" AS st SET
      "alertState" = v."alertState",
      "consecutiveFailures" = v."consecutiveFailures",
      "consecutiveSuccesses" = v."consecutiveSuccesses",
      flapping = v.flapping,
      "flappingSince" = v."flappingSince",
      "statusChanges" = v."statusChanges",
      "lastCountedAt" = v."lastCountedAt",
      "unhealthySince" = v."unhealthySince",
      "lastStatus" = CASE WHEN v.shown THEN v."lastStatus" ELSE st."lastStatus" END,
      "lastReason" = CASE WHEN v.shown THEN v."lastReason" ELSE st."lastReason" END,
      "lastScheduledAt" = CASE WHEN v.shown THEN v."lastScheduledAt" ELSE st."lastScheduledAt" END,
      "lastLatencyMs" = CASE WHEN v.shown THEN v."lastLatencyMs" ELSE st."lastLatencyMs" END,
      "lastHttpStatus" = CASE WHEN v.shown THEN v."lastHttpStatus" ELSE st."lastHttpStatus" END,
      "lastVersion" = COALESCE(v."lastVersion", st."lastVersion"),
      "lastFigures" = COALESCE(v."lastFigures", st."lastFigures"),
      "lastFiguresAt" = COALESCE(v."lastFiguresAt", st."lastFiguresAt"),
      "lastFailureAt" = COALESCE(v."lastFailureAt", st."lastFailureAt"),
      "lastFailureReason" = COALESCE(v."lastFailureReason", st."lastFailureReason"),
      "stateSince" = v."stateSince",
      "statusSince" = v."statusSince",
      "recentLatencies" = v."recentLatencies",
      "p95LastHourMs" = v."p95LastHourMs",
      "p95WindowMs" = v."p95WindowMs",
      "latencyBreached" = v."latencyBreached",
      "burnRates" = v."burnRates",
      "tlsExpiresAt" = COALESCE(v."tlsExpiresAt", st."tlsExpiresAt"),
      "firstCheckedAt" = v."firstCheckedAt",
      "updatedAt" = now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
      "serviceId" uuid, "alertState" "AlertState", "consecutiveFailures" int, "consecutiveSuccesses" int, flapping boolean,
      "flappingSince" timestamptz, "statusChanges" timestamptz[], "lastCountedAt" timestamptz, "unhealthySince" timestamptz,
      shown boolean, "lastStatus" "HealthStatus", "lastReason" text,
      "lastScheduledAt" timestamptz, "lastLatencyMs" int, "lastHttpStatus" int, "lastVersion" text, "lastFigures" jsonb,
      "lastFiguresAt" timestamptz, "lastFailureAt" timestamptz, "lastFailureReason" text, "stateSince" timestamptz,
      "statusSince" timestamptz, "recentLatencies" int[], "p95LastHourMs" int, "p95WindowMs" int, "latencyBreached" boolean,
      "burnRates" jsonb, "tlsExpiresAt" timestamptz, "firstCheckedAt" timestamptz)
    WHERE st."serviceId" = v."serviceId"`;
}

function closeReason(rule: AlertRule, counters: AlertCounters): string {
  switch (rule) {
    case "down":
      return counters.flapping
        ? "flapping: judged again once it settles"
        : `recovered: ${counters.consecutiveSuccesses} consecutive checks passed`;
    case "degraded":
      return "healthy again";
    case "flapping":
      return "stopped flapping: the same result for the whole stable run";
    case "certificate":
      return "a certificate outside the warning window is served";
    case "burn_fast":
    case "burn_slow":
      return "the error budget is no longer burning at that rate";
  }
}

/** Which of a batch's results a maintenance window covered at their scheduled time: one query for the whole batch. */
async function maintenanceJudge(
  tx: Prisma.TransactionClient,
  outcomes: CheckOutcome[],
): Promise<(outcome: CheckOutcome) => boolean> {
  if (outcomes.length === 0) return () => false;
  const times = outcomes.map((outcome) => outcome.scheduledAt.getTime());
  const coverage = await maintenanceCoverage(
    tx,
    new Date(Math.min(...times)),
    new Date(Math.max(...times)),
    [...new Set(outcomes.map((outcome) => outcome.serviceId))],
  );
  if (coverage.size === 0) return () => false;
  return (outcome) => {
    const windows = coverage.get(outcome.serviceId);
    return windows !== undefined && maintenanceUntil(windows, outcome.scheduledAt) !== null;
  };
}

/**
 * Writes a batch of check outcomes in one transaction: raw results (a slot is stored once), rollups,
 * then per service under its row lock the alert engine (counters from scheduled checks only, a result
 * older than the last applied one changes nothing), alerts and events, and the "monitoring itself is
 * degraded" status, then tells every instance.
 */
export async function recordOutcomes(
  unchecked: CheckOutcome[],
): Promise<{ written: number; serviceIds: string[] }> {
  if (unchecked.length === 0) return { written: 0, serviceIds: [] };
  // Outcomes are made storable where they are built; again here, because one bad row refuses the whole batch.
  const outcomes = unchecked.map(storableOutcome);
  const now = new Date();
  const result = await db.$transaction(
    async (tx) => {
      const ids = [...new Set(outcomes.map((outcome) => outcome.serviceId))];
      const existing = new Set(
        (await tx.service.findMany({ where: { id: { in: ids } }, select: { id: true } })).map(
          (service) => service.id,
        ),
      );
      const live = outcomes.filter((outcome) => existing.has(outcome.serviceId));
      const inMaintenance = await maintenanceJudge(tx, live);
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
          inMaintenance: inMaintenance(outcome),
        })),
        skipDuplicates: true,
        select: { serviceId: true, scheduledAt: true },
      });
      const insertedKeys = new Set(
        inserted.map((row) => `${row.serviceId}|${row.scheduledAt.getTime()}`),
      );
      const fresh = live.filter((outcome) =>
        insertedKeys.has(`${outcome.serviceId}|${outcome.scheduledAt.getTime()}`),
      );
      if (fresh.length === 0) return { written: 0, serviceIds: [], incidentIds: [] };

      const changedIds = [...new Set(fresh.map((outcome) => outcome.serviceId))];
      // Row locks first (ordered by id), so the rollup rows of a service are only ever written under its lock.
      const states = await lockStates(tx, changedIds);
      await upsertRollups(tx, rollupDeltas(fresh, inMaintenance));
      const byService = new Map<string, CheckOutcome[]>();
      for (const outcome of [...fresh].sort(
        (a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime(),
      )) {
        byService.set(outcome.serviceId, [...(byService.get(outcome.serviceId) ?? []), outcome]);
      }
      const [windows, openAlerts, baselineRows] = await Promise.all([
        loadServiceWindows(
          tx,
          states.map((locked) => ({
            serviceId: locked.serviceId,
            at: (byService.get(locked.serviceId)?.at(-1) as CheckOutcome).scheduledAt,
            latencyWindowSeconds: locked.latencyWindowSeconds,
          })),
        ),
        tx.alert.findMany({
          where: { serviceId: { in: changedIds }, endedAt: null },
          select: { id: true, serviceId: true, rule: true, level: true, reason: true },
        }),
        tx.serviceBaseline.findMany({ where: { serviceId: { in: changedIds } } }),
      ]);

      const events: PendingEvent[] = [];
      const judgedStates: StateRow[] = [];
      for (const locked of states) {
        const mine = byService.get(locked.serviceId) ?? [];
        if (mine.length === 0) continue;
        const baselines: FigureBaselines = Object.fromEntries(
          baselineRows
            .filter((row) => row.serviceId === locked.serviceId)
            .map((row) => [
              row.figure,
              {
                figure: row.figure,
                value: row.value,
                source: row.source,
                setAt: row.setAt.toISOString(),
              },
            ]),
        );
        const judgement = await judgeService(
          tx,
          locked,
          mine,
          windows.get(locked.serviceId),
          openAlerts.filter((alert) => alert.serviceId === locked.serviceId),
          baselines,
        );
        events.push(...judgement.events);
        judgedStates.push(judgement.state);
      }
      await writeStates(tx, judgedStates);

      const monitor = await updateMonitorStatus(tx, now);
      if (monitor.event) events.push(monitor.event);
      const storedAgain = await clearUnstoredIfQuiet(tx, now);
      if (storedAgain) events.push(storedAgain);
      let incidentIds: string[] = [];
      if (events.length > 0) {
        const created = await tx.healthEvent.createManyAndReturn({
          // While monitoring itself is degraded, per-service pages are kept but marked suppressed.
          data: events.map((event) => ({
            ...event,
            reason: toPostgresText(event.reason, 2_000),
            suppressed: monitor.degraded && isPageEvent(event.kind),
          })),
          select: { id: true },
        });
        incidentIds = await appendHealthEventsToOpenIncidents(
          tx,
          created.map((event) => event.id),
        );
      }
      return { written: fresh.length, serviceIds: changedIds, incidentIds };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  if (result.written > 0) await publishHealthChange(result.serviceIds);
  if (result.incidentIds.length > 0) await publishIncidentChange(result.incidentIds, "timeline");
  return { written: result.written, serviceIds: result.serviceIds };
}

const pageEventKinds = new Set(["alerting", "page", "certificate_page", "burn_fast"]);

export function isPageEvent(kind: string): boolean {
  return pageEventKinds.has(kind);
}
