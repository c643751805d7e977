import { humanDuration } from "@/lib/time/duration";
import { formatUtcDateTime } from "@/lib/time/format";
import type { AlertState, HealthStatus } from "@/lib/health/types";
import type { Severity } from "@/lib/incidents/labels";
import type { DetectionFacts, ImpactFacts } from "@/lib/postmortems/types";

/** How far before the declaration the health data is read for the streak that led to it. */
export const detectionWindowMs = 24 * 60 * 60_000;

/** A HealthEvent row of an affected service, with the service's name. */
export type HealthSignal = {
  serviceId: string;
  serviceName: string;
  kind: string;
  fromState: AlertState | null;
  toState: AlertState | null;
  status: HealthStatus | null;
  reason: string;
  suppressed: boolean;
  at: Date;
};

type Streak = { start: HealthSignal; firstAlert: HealthSignal | null };

const earliest = (signals: HealthSignal[]) =>
  signals.reduce<HealthSignal | null>(
    (first, signal) => (!first || signal.at < first.at ? signal : first),
    null,
  );

/** Per service, the run of non-OK states still going at `until`, if it began inside the signals given. */
function ongoingStreaks(signals: HealthSignal[], until: Date): Streak[] {
  const byService = new Map<string, HealthSignal[]>();
  for (const signal of signals) {
    if (signal.toState === null || signal.at > until) continue;
    byService.set(signal.serviceId, [...(byService.get(signal.serviceId) ?? []), signal]);
  }
  const streaks: Streak[] = [];
  for (const events of byService.values()) {
    let streak: Streak | null = null;
    for (const event of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      if (event.toState === "ok") {
        streak = null;
        continue;
      }
      streak ??= { start: event, firstAlert: null };
      // A page held back while monitoring itself was degraded told no one, so it detected nothing.
      if (event.toState === "alerting" && !event.suppressed) streak.firstAlert ??= event;
    }
    if (streak) streaks.push(streak);
  }
  return streaks;
}

/**
 * What the health checks saw before the incident was declared: the failing streak still going at the
 * declaration marks the start of impact, its first alert the detection (the declaration when no alert came first).
 */
export function detectionFacts(input: {
  declaredAt: Date;
  signals: HealthSignal[];
}): DetectionFacts {
  const { declaredAt } = input;
  const windowStart = declaredAt.getTime() - detectionWindowMs;
  const streaks = ongoingStreaks(
    input.signals.filter((signal) => signal.at.getTime() >= windowStart),
    declaredAt,
  );
  const start = earliest(streaks.map((streak) => streak.start));
  const alert = earliest(
    streaks.flatMap((streak) => (streak.firstAlert ? [streak.firstAlert] : [])),
  );
  const alerted = alert !== null && alert.at < declaredAt;
  const detectedAt = alerted ? alert.at : declaredAt;
  return {
    impactStartedAt: start?.at.toISOString() ?? null,
    firstSignal: start
      ? {
          at: start.at.toISOString(),
          service: start.serviceName,
          state: start.toState ?? "failing",
          reason: start.reason,
        }
      : null,
    detectedAt: detectedAt.toISOString(),
    detectedBy: alerted ? "health_alert" : "declaration",
    timeToDetectMs: start ? detectedAt.getTime() - start.at.getTime() : null,
    timeToDeclareMs: start ? declaredAt.getTime() - start.at.getTime() : null,
  };
}

export type ImpactIncident = {
  severity: Severity;
  userImpact: string;
  declaredAt: Date;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  services: { id: string; name: string }[];
};

/**
 * The impact as the records show it. The user-visible effect is the incident's own words, or else what the
 * latest status update said was affected; durations run from the start of impact (or the declaration).
 */
export function impactFacts(
  incident: ImpactIncident,
  evidence: { latestAffected: string | null; detection: DetectionFacts },
): ImpactFacts {
  const startedAt = evidence.detection.impactStartedAt
    ? new Date(evidence.detection.impactStartedAt)
    : incident.declaredAt;
  const since = (end: Date | null) =>
    end ? Math.max(0, end.getTime() - startedAt.getTime()) : null;
  return {
    severity: incident.severity,
    userVisibleEffect: incident.userImpact.trim() || evidence.latestAffected?.trim() || "",
    services: [...incident.services]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ id, name }) => ({ id, name })),
    startedAt: startedAt.toISOString(),
    declaredAt: incident.declaredAt.toISOString(),
    mitigatedAt: incident.mitigatedAt?.toISOString() ?? null,
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    durationMs: since(incident.resolvedAt),
    timeToMitigateMs: since(incident.mitigatedAt),
  };
}

/** One factual sentence for the detection section's first draft; empty when the health checks saw nothing. */
export function describeDetection(facts: DetectionFacts): string {
  const signal = facts.firstSignal;
  if (!signal || facts.timeToDeclareMs === null) return "";
  const first = `Health checks of ${signal.service} first failed at ${formatUtcDateTime(signal.at)} (${signal.reason})`;
  const declared = `the incident was declared ${humanDuration(facts.timeToDeclareMs)} after the first failure`;
  if (facts.detectedBy === "health_alert" && facts.timeToDetectMs !== null) {
    return `${first}; Vigil alerted ${humanDuration(facts.timeToDetectMs)} later and ${declared}.`;
  }
  return `${first}; no alert fired before ${declared}.`;
}
