import type { AlertState, HealthStatus } from "@/lib/health/schema";

export type AlertCounters = {
  alertState: AlertState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  flapping: boolean;
  /** When the check outcome last switched between pass and fail, newest last. */
  statusChanges: Date[];
  lastFailed: boolean | null;
};

export type Thresholds = { failureThreshold: number; recoveryThreshold: number; intervalSeconds: number };

export type AlertEventKind = "failing" | "cleared" | "alerting" | "recovering" | "recovered" | "flapping_started" | "flapping_stopped";
export type AlertTransition = { kind: AlertEventKind; from: AlertState; to: AlertState };

export const flapping = { startChanges: 6, stopChanges: 2, minWindowMs: 30 * 60_000, intervalsInWindow: 10 };

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
  statusChanges: [],
  lastFailed: null,
};

function nextAlertState(state: AlertState, failed: boolean, failures: number, successes: number, limits: Thresholds): AlertState {
  if (failed) {
    if (state === "alerting" || state === "recovering") return "alerting";
    return failures >= limits.failureThreshold ? "alerting" : "failing";
  }
  if (state === "ok" || state === "failing") return "ok";
  return successes >= limits.recoveryThreshold ? "ok" : "recovering";
}

function transitionKind(from: AlertState, to: AlertState): AlertEventKind | null {
  if (from === to) return null;
  if (to === "alerting") return "alerting";
  if (to === "failing") return "failing";
  if (to === "recovering") return "recovering";
  return from === "failing" ? "cleared" : "recovered";
}

/**
 * One check outcome moves a service through OK -> FAILING -> ALERTING -> RECOVERING -> OK. While the
 * outcome flips back and forth (A2) the service is held in ALERTING and only the flapping start and
 * stop are reported, instead of an alert/recover pair on every check.
 */
export function applyCheckOutcome(
  current: AlertCounters,
  status: HealthStatus,
  at: Date,
  limits: Thresholds,
): { next: AlertCounters; transitions: AlertTransition[] } {
  const failed = isFailure(status);
  const windowStart = at.getTime() - flappingWindowMs(limits.intervalSeconds);
  const changed = current.lastFailed !== null && current.lastFailed !== failed;
  const statusChanges = [...current.statusChanges, ...(changed ? [at] : [])].filter((change) => change.getTime() >= windowStart);
  const consecutiveFailures = failed ? current.consecutiveFailures + 1 : 0;
  const consecutiveSuccesses = failed ? 0 : current.consecutiveSuccesses + 1;

  const transitions: AlertTransition[] = [];
  let isFlapping = current.flapping;
  if (!isFlapping && statusChanges.length >= flapping.startChanges) {
    isFlapping = true;
    transitions.push({ kind: "flapping_started", from: current.alertState, to: "alerting" });
  } else if (isFlapping && statusChanges.length <= flapping.stopChanges) {
    isFlapping = false;
  }

  // While flapping the state is pinned to ALERTING, so leaving it starts from there.
  const alertState = isFlapping
    ? "alerting"
    : nextAlertState(current.alertState, failed, consecutiveFailures, consecutiveSuccesses, limits);
  if (current.flapping && !isFlapping) transitions.push({ kind: "flapping_stopped", from: current.alertState, to: alertState });
  const kind = isFlapping && !current.flapping ? null : transitionKind(current.alertState, alertState);
  if (kind) transitions.push({ kind, from: current.alertState, to: alertState });

  return {
    next: { alertState, consecutiveFailures, consecutiveSuccesses, flapping: isFlapping, statusChanges, lastFailed: failed },
    transitions,
  };
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
