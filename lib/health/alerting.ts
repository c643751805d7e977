import { humanDuration } from "@/lib/time/duration";
import type { AlertLevel, AlertRule, AlertState, HealthStatus } from "@/lib/health/types";
import {
  formatUtcDate,
  formatUtcDateTime,
  formatUtcTime,
  formatUtcWeekdayTime,
} from "@/lib/time/format";

export type AlertCounters = {
  alertState: AlertState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  flapping: boolean;
  flappingSince: Date | null;
  /** When the counted outcome last switched between pass and fail, newest last. */
  statusChanges: Date[];
  lastFailed: boolean | null;
  /** The newest scheduled check applied here. */
  lastCountedAt: Date | null;
  /** First counted check of the current run of results that are not up. */
  unhealthySince: Date | null;
};

/** A service's alerting settings (Service columns of the same names). */
export type AlertRules = {
  failureThreshold: number;
  recoveryThreshold: number;
  intervalSeconds: number;
  flappingStableSeconds: number;
  degradedWarnAfterSeconds: number;
  checkTlsExpiry: boolean;
  certWarnDays: number;
  certPageDays: number;
};

export type CounterEventKind = "failing" | "cleared" | "recovering";
export type CounterTransition = { kind: CounterEventKind; from: AlertState; to: AlertState };

export const flapping = { startChanges: 6, minWindowMs: 30 * 60_000, intervalsInWindow: 10 };

export function isFailure(status: HealthStatus): boolean {
  return status === "down";
}

export function flappingWindowMs(intervalSeconds: number): number {
  return Math.max(flapping.minWindowMs, flapping.intervalsInWindow * intervalSeconds * 1000);
}

export const initialCounters: AlertCounters = {
  alertState: "ok",
  consecutiveFailures: 0,
  consecutiveSuccesses: 0,
  flapping: false,
  flappingSince: null,
  statusChanges: [],
  lastFailed: null,
  lastCountedAt: null,
  unhealthySince: null,
};

/**
 * Only scheduled checks advance the counters, and two of them count as consecutive only when they are at
 * least one interval apart: "check now" and the post-deploy smoke check are shown and stored, but two
 * failures seconds apart are not what the runbook means by "two consecutive checks fail". An outcome older
 * than the newest counted one changes nothing.
 */
export function countsTowardAlerts(
  counters: Pick<AlertCounters, "lastCountedAt">,
  at: Date,
  manual: boolean,
  intervalSeconds: number,
): boolean {
  if (manual) return false;
  return (
    counters.lastCountedAt === null ||
    at.getTime() - counters.lastCountedAt.getTime() >= intervalSeconds * 1000
  );
}

function nextAlertState(
  state: AlertState,
  failed: boolean,
  failures: number,
  successes: number,
  rules: AlertRules,
): AlertState {
  if (failed) {
    if (state === "alerting" || state === "recovering") return "alerting";
    return failures >= rules.failureThreshold ? "alerting" : "failing";
  }
  if (state === "ok" || state === "failing") return "ok";
  return successes >= rules.recoveryThreshold ? "ok" : "recovering";
}

function counterTransition(from: AlertState, to: AlertState): CounterEventKind | null {
  if (from === to) return null;
  if (to === "failing") return "failing";
  if (to === "recovering") return "recovering";
  if (to === "ok" && from === "failing") return "cleared";
  return null;
}

/**
 * One counted outcome moves the down rule's counters through OK -> FAILING -> ALERTING -> RECOVERING -> OK,
 * and the flapping state: entered after six pass/fail changes within the window, left after a stable run
 * of `flappingStableSeconds` of the same result, after which the service is up or paging on its own merits.
 */
export function applyCountedOutcome(
  current: AlertCounters,
  status: HealthStatus,
  at: Date,
  rules: AlertRules,
): { next: AlertCounters; transitions: CounterTransition[] } {
  const failed = isFailure(status);
  const windowStart = at.getTime() - flappingWindowMs(rules.intervalSeconds);
  const changed = current.lastFailed !== null && current.lastFailed !== failed;
  let statusChanges = [...current.statusChanges, ...(changed ? [at] : [])].filter(
    (change) => change.getTime() >= windowStart,
  );
  const consecutiveFailures = failed ? current.consecutiveFailures + 1 : 0;
  const consecutiveSuccesses = failed ? 0 : current.consecutiveSuccesses + 1;

  let isFlapping = current.flapping;
  let flappingSince = current.flappingSince;
  if (!isFlapping && statusChanges.length >= flapping.startChanges) {
    isFlapping = true;
    flappingSince = at;
  } else if (isFlapping) {
    const lastChange = statusChanges.at(-1)?.getTime() ?? 0;
    if (at.getTime() - lastChange >= rules.flappingStableSeconds * 1000) {
      isFlapping = false;
      flappingSince = null;
      // The changes that started this episode must not start the next one.
      statusChanges = [];
    }
  }

  const alertState = nextAlertState(
    current.alertState,
    failed,
    consecutiveFailures,
    consecutiveSuccesses,
    rules,
  );
  const kind = counterTransition(current.alertState, alertState);
  return {
    next: {
      alertState,
      consecutiveFailures,
      consecutiveSuccesses,
      flapping: isFlapping,
      flappingSince,
      statusChanges,
      lastFailed: failed,
      lastCountedAt: at,
      unhealthySince: status === "up" ? null : (current.unhealthySince ?? at),
    },
    transitions: kind ? [{ kind, from: current.alertState, to: alertState }] : [],
  };
}

export type DesiredAlert = { rule: AlertRule; level: AlertLevel; reason: string };

export type AlertInput = {
  counters: AlertCounters;
  /** The newest counted outcome's status and reason (after the windowed latency judgement). */
  status: HealthStatus | null;
  reason: string | null;
  /** Evaluation time: the newest outcome's scheduled time. */
  at: Date;
  tlsExpiresAt: Date | null;
  burning: { fast: boolean; slow: boolean; detail: { fast: string; slow: string } };
  /** Rules with an alert open now: a burn alert, once open, lasts while the windows burn. */
  openRules: ReadonlySet<AlertRule>;
  rules: AlertRules;
};

const dayMs = 86_400_000;

/** "certificate expires in 2 days (Fri 14:00 UTC)" */
export function describeCertificate(expiresAt: Date, at: Date): string {
  const ms = expiresAt.getTime() - at.getTime();
  if (ms <= 0) return `certificate expired ${formatUtcDateTime(expiresAt)}`;
  const days = Math.floor(ms / dayMs);
  const when =
    days >= 7
      ? `${formatUtcDate(expiresAt)} ${formatUtcWeekdayTime(expiresAt)}`
      : formatUtcWeekdayTime(expiresAt);
  const within =
    days >= 1 ? `in ${days} ${days === 1 ? "day" : "days"}` : `in ${humanDuration(ms)}`;
  return `certificate expires ${within} (${when})`;
}

export function certificateLevel(
  expiresAt: Date | null,
  at: Date,
  rules: Pick<AlertRules, "checkTlsExpiry" | "certWarnDays" | "certPageDays">,
): AlertLevel | null {
  if (!expiresAt || !rules.checkTlsExpiry) return null;
  const ms = expiresAt.getTime() - at.getTime();
  if (ms <= rules.certPageDays * dayMs) return "page";
  if (ms <= rules.certWarnDays * dayMs) return "warning";
  return null;
}

/**
 * Which alerts a service should have open now. Pages: down for N consecutive scheduled checks (never
 * while flapping: a flapping service that is passing is not paging), a fast error-budget burn, a
 * certificate within its page window. Warnings: not up for a sustained time, flapping, a slow burn, a
 * certificate within its warning window.
 */
export function desiredAlerts(input: AlertInput): DesiredAlert[] {
  const { counters, rules } = input;
  const alerts: DesiredAlert[] = [];
  const paging =
    !counters.flapping &&
    (counters.alertState === "alerting" || counters.alertState === "recovering");
  if (paging) {
    alerts.push({
      rule: "down",
      level: "page",
      reason: `paging: ${Math.max(counters.consecutiveFailures, rules.failureThreshold)} consecutive scheduled checks failed${input.reason && input.status === "down" ? `: ${input.reason}` : ""}`,
    });
  }
  if (counters.flapping) {
    alerts.push({
      rule: "flapping",
      level: "warning",
      reason: `flapping: passing and failing in turn since ${counters.flappingSince ? formatUtcTime(counters.flappingSince) : "recently UTC"}; judged again after ${humanDuration(rules.flappingStableSeconds * 1000)} of the same result`,
    });
  }
  const unhealthyFor =
    counters.unhealthySince && counters.lastCountedAt
      ? counters.lastCountedAt.getTime() - counters.unhealthySince.getTime()
      : 0;
  if (
    !paging &&
    !counters.flapping &&
    counters.unhealthySince &&
    unhealthyFor >= rules.degradedWarnAfterSeconds * 1000
  ) {
    const word = input.status === "down" ? "failing" : "degraded";
    alerts.push({
      rule: "degraded",
      level: "warning",
      reason: `${word} for ${humanDuration(unhealthyFor)}${input.reason && input.status !== "up" ? `: ${input.reason}` : ""}`,
    });
  }
  const certificate = certificateLevel(input.tlsExpiresAt, input.at, rules);
  if (certificate && input.tlsExpiresAt)
    alerts.push({
      rule: "certificate",
      level: certificate,
      reason: describeCertificate(input.tlsExpiresAt, input.at),
    });
  // A burn alert opens on a failing check while no down page covers it: right after an outage the windows
  // still burn, but the outage has already paged and recovered.
  // While flapping, the flapping warning is the one alert for failures that come and go.
  const mayOpenBurn = !paging && !counters.flapping && input.status === "down";
  const mayKeepBurn = (rule: AlertRule) => !counters.flapping && input.openRules.has(rule);
  if (input.burning.fast && (mayOpenBurn || mayKeepBurn("burn_fast"))) {
    alerts.push({
      rule: "burn_fast",
      level: "page",
      reason: `error budget burning fast: ${input.burning.detail.fast}`,
    });
  }
  if (input.burning.slow && (mayOpenBurn || mayKeepBurn("burn_slow"))) {
    alerts.push({
      rule: "burn_slow",
      level: "warning",
      reason: `error budget burning: ${input.burning.detail.slow}`,
    });
  }
  return alerts;
}

export type OpenAlert = { id: string; rule: AlertRule; level: AlertLevel; reason: string };

export type AlertChanges = {
  opened: DesiredAlert[];
  /** Same rule, other level (a certificate moving from warning to page). */
  relevelled: { id: string; from: AlertLevel; to: DesiredAlert }[];
  closed: OpenAlert[];
};

export function diffAlerts(open: OpenAlert[], desired: DesiredAlert[]): AlertChanges {
  const openByRule = new Map(open.map((alert) => [alert.rule, alert]));
  const desiredRules = new Set(desired.map((alert) => alert.rule));
  const opened: DesiredAlert[] = [];
  const relevelled: AlertChanges["relevelled"] = [];
  for (const alert of desired) {
    const current = openByRule.get(alert.rule);
    if (!current) opened.push(alert);
    else if (current.level !== alert.level)
      relevelled.push({ id: current.id, from: current.level, to: alert });
  }
  return { opened, relevelled, closed: open.filter((alert) => !desiredRules.has(alert.rule)) };
}

/** The HealthEvent kind an alert change is written as (the down rule keeps the historic alerting/recovered). */
export function alertEventKind(
  rule: AlertRule,
  level: AlertLevel,
  change: "open" | "close",
): string {
  if (rule === "down") return change === "open" ? "alerting" : "recovered";
  if (rule === "flapping") return change === "open" ? "flapping_started" : "flapping_stopped";
  if (change === "close") return level === "page" ? "page_cleared" : "warning_cleared";
  if (rule === "certificate") return level === "page" ? "certificate_page" : "certificate_warning";
  if (rule === "burn_fast" || rule === "burn_slow") return rule;
  return level === "page" ? "page" : "warning";
}

/** The words under a tile: "1 of 2 checks failed", "Recovering: 1 of 2 checks passed". */
export function describeAlertState(tile: {
  alertState: AlertState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  failureThreshold: number;
  recoveryThreshold: number;
  flapping: boolean;
}): string {
  if (tile.flapping) return "Flapping: passing and failing in turn";
  switch (tile.alertState) {
    case "ok":
      return "OK";
    case "failing":
      return `${tile.consecutiveFailures} of ${tile.failureThreshold} checks failed`;
    case "alerting":
      return `Alerting: ${tile.consecutiveFailures} consecutive checks failed`;
    case "recovering":
      return `Recovering: ${tile.consecutiveSuccesses} of ${tile.recoveryThreshold} checks passed`;
  }
}
