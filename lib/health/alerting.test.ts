import { describe, expect, it } from "vitest";
import {
  applyCountedOutcome,
  certificateLevel,
  countsTowardAlerts,
  describeAlertState,
  describeCertificate,
  desiredAlerts,
  diffAlerts,
  initialCounters,
  type AlertCounters,
  type AlertInput,
  type AlertRules,
} from "@/lib/health/alerting";
import type { HealthStatus } from "@/lib/health/types";

const rules: AlertRules = {
  failureThreshold: 2,
  recoveryThreshold: 2,
  intervalSeconds: 30,
  flappingStableSeconds: 300,
  degradedWarnAfterSeconds: 300,
  checkTlsExpiry: true,
  certWarnDays: 14,
  certPageDays: 3,
};
const start = Date.parse("2026-11-27T00:00:00Z");
const noBurn = { fast: false, slow: false, detail: { fast: "", slow: "" } };

function run(statuses: HealthStatus[], counters: AlertCounters = initialCounters, custom = rules) {
  const offset = counters.lastCountedAt
    ? counters.lastCountedAt.getTime() + custom.intervalSeconds * 1000
    : start;
  const kinds: string[] = [];
  const states: string[] = [];
  const flapping: boolean[] = [];
  statuses.forEach((status, index) => {
    const { next, transitions } = applyCountedOutcome(
      counters,
      status,
      new Date(offset + index * custom.intervalSeconds * 1000),
      custom,
    );
    counters = next;
    kinds.push(...transitions.map((transition) => transition.kind));
    states.push(next.alertState);
    flapping.push(next.flapping);
  });
  return { counters, kinds, states, flapping };
}

function alertsFor(counters: AlertCounters, overrides: Partial<AlertInput> = {}) {
  return desiredAlerts({
    counters,
    status: counters.lastFailed ? "down" : "up",
    reason: counters.lastFailed ? "/health: connection refused" : "all checks passed",
    at: counters.lastCountedAt ?? new Date(start),
    tlsExpiresAt: null,
    burning: noBurn,
    openRules: new Set(),
    rules,
    ...overrides,
  });
}

describe("the down rule's counters", () => {
  it("page after two consecutive failures and recover after two successes", () => {
    const { states, kinds } = run(["up", "down", "down", "down", "up", "up"]);
    expect(states).toEqual(["ok", "failing", "alerting", "alerting", "recovering", "ok"]);
    expect(kinds).toEqual(["failing", "recovering"]);
  });

  it("clear a single failure without paging, and count degraded as passing", () => {
    expect(run(["down", "up", "down", "up"]).states).toEqual(["failing", "ok", "failing", "ok"]);
    expect(run(["degraded", "degraded", "degraded"]).states).toEqual(["ok", "ok", "ok"]);
  });

  it("count a check only when it is scheduled and at least one interval after the last counted one", () => {
    const counted = { lastCountedAt: new Date(start) };
    expect(countsTowardAlerts({ lastCountedAt: null }, new Date(start), false, 30)).toBe(true);
    expect(countsTowardAlerts(counted, new Date(start + 700), true, 30)).toBe(false);
    expect(countsTowardAlerts(counted, new Date(start + 700), false, 30)).toBe(false);
    expect(countsTowardAlerts(counted, new Date(start + 29_999), false, 30)).toBe(false);
    expect(countsTowardAlerts(counted, new Date(start + 30_000), false, 30)).toBe(true);
    expect(countsTowardAlerts(counted, new Date(start - 30_000), false, 30)).toBe(false);
  });
});

describe("flapping", () => {
  it("starts after six pass/fail changes and ends after five minutes of the same result", () => {
    const flaps: HealthStatus[] = ["up", "down", "up", "down", "up", "down", "up"];
    const stable: HealthStatus[] = Array.from({ length: 10 }, () => "up");
    const { flapping, counters } = run([...flaps, ...stable]);
    expect(flapping.slice(0, 6)).toEqual([false, false, false, false, false, false]);
    expect(flapping[6]).toBe(true);
    // 30 s interval: the stable run reaches five minutes ten checks after the last change.
    expect(flapping.at(-2)).toBe(true);
    expect(flapping.at(-1)).toBe(false);
    expect(counters.statusChanges).toEqual([]);
    expect(counters.alertState).toBe("ok");
  });

  it("never pages while flapping, and pages on its own merits once a failing run is stable", () => {
    const flaps: HealthStatus[] = ["up", "down", "up", "down", "down", "up", "down", "up", "down"];
    const during = run(flaps);
    expect(during.counters.flapping).toBe(true);
    expect(alertsFor(during.counters).map((alert) => alert.rule)).toEqual(["flapping"]);
    const settled = run(
      Array.from({ length: 10 }, () => "down"),
      during.counters,
    );
    expect(settled.counters.flapping).toBe(false);
    expect(alertsFor(settled.counters).map((alert) => [alert.rule, alert.level])).toEqual([
      ["down", "page"],
    ]);
  });
});

describe("desired alerts", () => {
  it("warn after five minutes not up, never together with the down page", () => {
    const degraded = run(Array.from({ length: 10 }, () => "degraded"));
    expect(
      alertsFor(degraded.counters, { status: "degraded", reason: "team store is in memory" }),
    ).toEqual([]);
    const sustained = run(Array.from({ length: 11 }, () => "degraded"));
    expect(
      alertsFor(sustained.counters, { status: "degraded", reason: "team store is in memory" }),
    ).toEqual([
      { rule: "degraded", level: "warning", reason: "degraded for 5 min: team store is in memory" },
    ]);
    const down = run(Array.from({ length: 12 }, () => "down"));
    expect(alertsFor(down.counters).map((alert) => alert.rule)).toEqual(["down"]);
  });

  it("treat a certificate as its own alert: warning within 14 days, page within 3, the status untouched", () => {
    const at = new Date("2026-12-02T10:00:00Z");
    const inTwoDays = new Date("2026-12-04T14:00:00Z");
    expect(certificateLevel(new Date("2026-12-30T00:00:00Z"), at, rules)).toBeNull();
    expect(certificateLevel(new Date("2026-12-10T00:00:00Z"), at, rules)).toBe("warning");
    expect(certificateLevel(inTwoDays, at, rules)).toBe("page");
    expect(certificateLevel(inTwoDays, at, { ...rules, checkTlsExpiry: false })).toBeNull();
    expect(describeCertificate(inTwoDays, at)).toBe(
      "certificate expires in 2 days (Fri 14:00 UTC)",
    );
    const up = run(["up", "up"]);
    expect(alertsFor(up.counters, { at, tlsExpiresAt: inTwoDays })).toEqual([
      {
        rule: "certificate",
        level: "page",
        reason: "certificate expires in 2 days (Fri 14:00 UTC)",
      },
    ]);
  });

  it("open a burn alert on a failing check outside a down page, and keep it while the windows burn", () => {
    const burning = {
      fast: true,
      slow: true,
      detail: { fast: "40x over 1 h", slow: "7x over 6 h" },
    };
    const blip = run(["up", "up", "down"]);
    expect(alertsFor(blip.counters, { burning }).map((alert) => alert.rule)).toEqual([
      "burn_fast",
      "burn_slow",
    ]);
    const passed = run(["up"], blip.counters);
    expect(alertsFor(passed.counters, { burning })).toEqual([]);
    expect(
      alertsFor(passed.counters, { burning, openRules: new Set(["burn_fast"]) }).map(
        (alert) => alert.rule,
      ),
    ).toEqual(["burn_fast"]);
    const paging = run(["down", "down"]);
    expect(alertsFor(paging.counters, { burning }).map((alert) => alert.rule)).toEqual(["down"]);
  });

  it("diff into opened, relevelled and closed", () => {
    const open = [
      { id: "a", rule: "certificate" as const, level: "warning" as const, reason: "in 5 days" },
      { id: "b", rule: "degraded" as const, level: "warning" as const, reason: "degraded" },
    ];
    const changes = diffAlerts(open, [
      { rule: "certificate", level: "page", reason: "in 2 days" },
      { rule: "down", level: "page", reason: "paging" },
    ]);
    expect(changes.opened.map((alert) => alert.rule)).toEqual(["down"]);
    expect(changes.relevelled).toEqual([
      { id: "a", from: "warning", to: { rule: "certificate", level: "page", reason: "in 2 days" } },
    ]);
    expect(changes.closed.map((alert) => alert.id)).toEqual(["b"]);
  });
});

describe("alert words", () => {
  it("say where the counters stand", () => {
    const tile = {
      alertState: "failing" as const,
      consecutiveFailures: 1,
      consecutiveSuccesses: 0,
      failureThreshold: 2,
      recoveryThreshold: 2,
      flapping: false,
    };
    expect(describeAlertState(tile)).toBe("1 of 2 checks failed");
    expect(describeAlertState({ ...tile, alertState: "recovering", consecutiveSuccesses: 1 })).toBe(
      "Recovering: 1 of 2 checks passed",
    );
    expect(describeAlertState({ ...tile, alertState: "ok", flapping: true })).toMatch(/Flapping/);
  });
});
