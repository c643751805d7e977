import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckOutcome } from "@/lib/health/check";
import { Poller, type ScheduledService } from "@/lib/health/poller";
import { nextSlotAfter } from "@/lib/health/slots";
import { percentile } from "@/lib/health/histogram";
import { parseAllowRule } from "@/lib/outbound/policy";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({
    targets: [
      { id: "healthy", kind: "generic" },
      { id: "hung", kind: "generic", behaviour: { mode: "hang" } },
    ],
  });
});
afterAll(() => simulator.stop());

function service(id: string, intervalSeconds: number, timeoutSeconds: number): ScheduledService {
  return {
    id,
    baseUrl: simulator.urlOf(id),
    profile: "generic_json",
    intervalSeconds,
    timeoutSeconds,
    latencySloMs: 3_000,
    sampleProbe: null,
    checkTlsExpiry: false,
  };
}

describe("slots", () => {
  it("spread services over the interval and always lie in the future", () => {
    const now = Date.parse("2026-11-27T10:00:00.123Z");
    const a = nextSlotAfter(now, "service-a", 30);
    const b = nextSlotAfter(now, "service-b", 30);
    expect(a).toBeGreaterThan(now);
    expect(a - now).toBeLessThanOrEqual(30_000);
    expect(a).not.toBe(b);
    expect(nextSlotAfter(a, "service-a", 30)).toBe(a + 30_000);
  });
});

describe("the poller", () => {
  it("keeps a healthy service on schedule while another hangs, with one check of a service in flight at a time", async () => {
    const outcomes: CheckOutcome[] = [];
    let maxInFlightHung = 0;
    const stopWatching = simulator.onRequest((request) => {
      if (request.id === "hung")
        maxInFlightHung = Math.max(maxInFlightHung, simulator.requestStats("hung").inFlight);
    });
    const poller = new Poller({
      concurrency: 8,
      keepDriftSamples: 1_000,
      onOutcome: (outcome) => outcomes.push(outcome),
      loadServices: async () => [service("healthy", 1, 1), service("hung", 1, 2)],
      loadRules: async () => [parseAllowRule("127.0.0.1")],
    });
    await poller.start();
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    await poller.stop();
    stopWatching();

    const healthy = outcomes.filter((outcome) => outcome.serviceId === "healthy");
    const hung = outcomes.filter((outcome) => outcome.serviceId === "hung");
    expect(healthy.length).toBeGreaterThanOrEqual(5);
    expect(healthy.every((outcome) => outcome.status === "up")).toBe(true);
    expect(new Set(healthy.map((outcome) => outcome.scheduledAt.getTime())).size).toBe(
      healthy.length,
    );
    const drift = poller.getStats().driftMs;
    expect(percentile(drift, 0.99)).toBeLessThan(1_000);
    for (const outcome of healthy)
      expect(outcome.startedAt.getTime() - outcome.scheduledAt.getTime()).toBeLessThan(1_000);
    expect(hung.length).toBeGreaterThanOrEqual(1);
    expect(
      hung.every(
        (outcome) => outcome.status === "down" && /no answer within 2 s/.test(outcome.reason),
      ),
    ).toBe(true);
    expect(poller.getStats().skippedBusy).toBeGreaterThan(0);
    expect(maxInFlightHung).toBeLessThanOrEqual(1);
  }, 20_000);

  it("keeps its schedule when reloading services fails", async () => {
    let calls = 0;
    const outcomes: CheckOutcome[] = [];
    const poller = new Poller({
      refreshMs: 200,
      onOutcome: (outcome) => outcomes.push(outcome),
      loadServices: async () => {
        calls += 1;
        if (calls > 1) throw new Error("database unreachable");
        return [service("healthy", 1, 1)];
      },
      loadRules: async () => [parseAllowRule("127.0.0.1")],
      log: () => {},
    });
    await poller.start();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await poller.stop();
    expect(calls).toBeGreaterThan(3);
    expect(outcomes.length).toBeGreaterThanOrEqual(2);
  }, 10_000);
});
