import { describe, expect, it } from "vitest";
import { applyCheckOutcome, describeAlertState, initialCounters, type AlertCounters } from "@/lib/health/alerting";
import type { HealthStatus } from "@/lib/health/schema";

const limits = { failureThreshold: 2, recoveryThreshold: 2, intervalSeconds: 30 };
const start = Date.parse("2026-11-27T00:00:00Z");

function run(statuses: HealthStatus[], counters: AlertCounters = initialCounters, custom = limits) {
  const kinds: string[] = [];
  const states: string[] = [];
  statuses.forEach((status, index) => {
    const { next, transitions } = applyCheckOutcome(counters, status, new Date(start + index * custom.intervalSeconds * 1000), custom);
    counters = next;
    kinds.push(...transitions.map((transition) => transition.kind));
    states.push(next.alertState);
  });
  return { counters, kinds, states };
}

describe("alert state machine", () => {
  it("pages after two consecutive failures and recovers after two successes", () => {
    const { states, kinds } = run(["up", "down", "down", "down", "up", "up"]);
    expect(states).toEqual(["ok", "failing", "alerting", "alerting", "recovering", "ok"]);
    expect(kinds).toEqual(["failing", "alerting", "recovering", "recovered"]);
  });

  it("clears a single failure without paging", () => {
    const { states, kinds } = run(["down", "up", "down", "up"]);
    expect(states).toEqual(["failing", "ok", "failing", "ok"]);
    expect(kinds).not.toContain("alerting");
  });

  it("counts degraded as a passing check for paging", () => {
    expect(run(["degraded", "degraded", "degraded"]).states).toEqual(["ok", "ok", "ok"]);
  });

  it("goes back to alerting when a check fails while recovering", () => {
    const { states } = run(["down", "down", "up", "down", "up", "up"]);
    expect(states).toEqual(["failing", "alerting", "recovering", "alerting", "recovering", "ok"]);
  });

  it("honours per-service thresholds", () => {
    const custom = { failureThreshold: 3, recoveryThreshold: 1, intervalSeconds: 60 };
    expect(run(["down", "down", "down", "up"], initialCounters, custom).states).toEqual(["failing", "failing", "alerting", "ok"]);
    expect(run(["down", "up"], initialCounters, { ...custom, failureThreshold: 1 }).states).toEqual(["alerting", "ok"]);
  });

  it("turns an hour of fail/pass on every check into one flapping period, not a page per check (A2)", () => {
    const hour = Array.from({ length: 120 }, (_, index): HealthStatus => (index % 2 === 0 ? "down" : "up"));
    const { kinds, counters } = run([...hour, ...Array.from({ length: 80 }, (): HealthStatus => "up")]);
    expect(kinds.filter((kind) => kind === "alerting").length).toBeLessThanOrEqual(1);
    expect(kinds.filter((kind) => kind === "recovered").length).toBeLessThanOrEqual(1);
    expect(kinds.filter((kind) => kind === "flapping_started")).toHaveLength(1);
    expect(kinds.filter((kind) => kind === "flapping_stopped")).toHaveLength(1);
    expect(kinds.length).toBeLessThan(12);
    expect(counters.flapping).toBe(false);
    expect(counters.alertState).toBe("ok");
  });

  it("describes the state in an on-call's words", () => {
    const tile = { consecutiveFailures: 1, consecutiveSuccesses: 0, failureThreshold: 2, recoveryThreshold: 2, flapping: false };
    expect(describeAlertState({ ...tile, alertState: "failing" })).toBe("1 of 2 checks failed");
    expect(describeAlertState({ ...tile, alertState: "recovering", consecutiveSuccesses: 1 })).toBe("Recovering: 1 of 2 checks passed");
    expect(describeAlertState({ ...tile, alertState: "ok", flapping: true })).toMatch(/Flapping/);
  });
});
