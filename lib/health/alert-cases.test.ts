import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptBaseline, loadFigureBaselines } from "@/lib/health/baselines";
import { runServiceCheck, type CheckOutcome } from "@/lib/health/check";
import { checkServiceNow } from "@/lib/health/check-now";
import { createService } from "@/lib/services/mutations";
import { getServiceDetail } from "@/lib/health/data";
import { setExtraTrustedCertificatesForTests } from "@/lib/outbound/http-client";
import { recordOutcomes } from "@/lib/health/record";
import type { ProbeProfile, ServiceTile } from "@/lib/health/types";
import type { SampleProbe } from "@/lib/services/types";
import { declareDefaultsFromTile } from "@/lib/incidents/declare-defaults";
import { parseAllowRule } from "@/lib/outbound/policy";
import type { Simulator } from "@/dev/simulator/fleet";
import type { BehaviourInput } from "@/dev/simulator/schema";
import { checkOutcome, makeUser } from "@/test/fixtures";
import { startReachableSimulator } from "@/test/simulator";

/**
 * The nine cases issue 13 saw, on the real Postgres with the simulator: every scheduled check here is a
 * real probe of a simulated HoloScript service, stored through the writer's own recordOutcomes, at
 * scheduled times that end now (so tiles are fresh).
 */
const admin = { id: null, label: "vitest" };
const rules = [parseAllowRule("127.0.0.1")];
let simulator: Simulator;
let stopSimulator = async () => {};

beforeAll(async () => {
  ({ simulator, stop: stopSimulator } = await startReachableSimulator({
    targets: [
      { id: "mcp", kind: "mcp" },
      { id: "absorb", kind: "absorb" },
      { id: "impostor", kind: "mcp", behaviour: { mode: "answers-as", kind: "absorb" } },
      { id: "tls", kind: "mcp", tls: { expiresInDays: 2 } },
    ],
  }));
  setExtraTrustedCertificatesForTests([simulator.certificateOf("tls").certificate]);
});
afterAll(async () => {
  setExtraTrustedCertificatesForTests(null);
  await stopSimulator();
});

type Made = {
  id: string;
  target: string;
  profile: ProbeProfile;
  intervalSeconds: number;
  latencySloMs: number;
  sampleProbe: SampleProbe | null;
  checkTlsExpiry: boolean;
};

async function makeService(
  target: string,
  fields: Partial<{
    profile: ProbeProfile;
    intervalSeconds: number;
    latencySloMs: number;
    sampleProbe: SampleProbe;
    checkTlsExpiry: boolean;
  }> = {},
): Promise<Made> {
  const profile = fields.profile ?? (target === "absorb" ? "absorb" : "holoscript_mcp");
  const service = await createService(admin, {
    name: `case-${Math.random().toString(36).slice(2, 8)}`,
    environment: "alert-cases",
    baseUrl: simulator.urlOf(target),
    profile,
    timeoutSeconds: 5,
    checkTlsExpiry: false,
    ...fields,
  });
  return {
    id: service.id,
    target,
    profile,
    intervalSeconds: service.intervalSeconds,
    latencySloMs: service.latencySloMs,
    sampleProbe: service.sampleProbe,
    checkTlsExpiry: service.checkTlsExpiry,
  };
}

async function probeAt(service: Made, at: Date): Promise<CheckOutcome> {
  const baselines = (await loadFigureBaselines(service.id)).get(service.id) ?? {};
  return runServiceCheck(
    {
      id: service.id,
      baseUrl: simulator.urlOf(service.target),
      profile: service.profile,
      timeoutSeconds: 5,
      latencySloMs: service.latencySloMs,
      sampleProbe: service.sampleProbe,
      checkTlsExpiry: service.checkTlsExpiry,
    },
    { scheduledAt: at, rules, baselines },
  );
}

const lastSlot = new Map<string, number>();

/**
 * Scheduled checks on the service's slots, each behaving as told: the first series ends `endsAgoMs` before
 * now, a later one goes on from the last slot (into the future if need be, so tiles stay fresh).
 */
async function scheduledChecks(
  service: Made,
  behaviours: BehaviourInput[],
  endsAgoMs = 1_000,
): Promise<Date[]> {
  const intervalMs = service.intervalSeconds * 1000;
  const previous = lastSlot.get(service.id);
  const first =
    previous === undefined
      ? Date.now() - endsAgoMs - (behaviours.length - 1) * intervalMs
      : previous + intervalMs;
  lastSlot.set(service.id, first + (behaviours.length - 1) * intervalMs);
  const times: Date[] = [];
  for (const [index, behaviour] of behaviours.entries()) {
    await simulator.setBehaviour(service.target, behaviour);
    const at = new Date(first + index * intervalMs);
    await recordOutcomes([await probeAt(service, at)]);
    times.push(at);
  }
  return times;
}

async function tileOf(serviceId: string): Promise<ServiceTile> {
  const detail = await getServiceDetail(serviceId);
  if (!detail) throw new Error("service vanished");
  return detail.tile;
}

const healthy: BehaviourInput = { mode: "healthy" };
const down: BehaviourInput = { mode: "down" };
const repeat = (count: number, behaviour: BehaviourInput): BehaviourInput[] =>
  Array.from({ length: count }, () => behaviour);
const pages = (tile: ServiceTile) => tile.alerts.filter((alert) => alert.level === "page");

describe("issue 13: alerts that are right", () => {
  it("1. flapping raises one warning, never pages a passing service, and ends after five stable minutes", async () => {
    const service = await makeService("mcp");
    // Three short blips within 30 minutes of 30-second checks: six pass/fail changes.
    const blips = [
      ...repeat(5, healthy),
      down,
      ...repeat(9, healthy),
      down,
      ...repeat(9, healthy),
      down,
      healthy,
    ];
    await scheduledChecks(service, blips);
    let tile = await tileOf(service.id);
    expect(tile.flapping).toBe(true);
    expect(tile.status).toBe("up");
    expect(pages(tile)).toEqual([]);
    expect(tile.alerts.map((alert) => [alert.rule, alert.level])).toEqual([
      ["flapping", "warning"],
    ]);
    const declare = declareDefaultsFromTile(tile);
    expect(declare.severity).not.toBe("sev1");
    expect(declare.title).not.toMatch(/all checks passed/);
    expect(declare.title).toMatch(/connection refused|refused/);

    // Ten more passing checks (five minutes of the same result): flapping ends, the service is up on its own merits.
    await scheduledChecks(service, repeat(11, healthy));
    tile = await tileOf(service.id);
    expect(tile.flapping).toBe(false);
    expect(tile.alertState).toBe("ok");
    expect(tile.alerts).toEqual([]);
    const events = await db.healthEvent.findMany({
      where: { serviceId: service.id },
      orderBy: { id: "asc" },
    });
    expect(events.filter((event) => event.kind === "flapping_started")).toHaveLength(1);
    expect(events.filter((event) => event.kind === "flapping_stopped")).toHaveLength(1);
    expect(events.filter((event) => event.kind === "alerting")).toHaveLength(0);
  });

  it("2. a 'check now' seconds after a failed scheduled check shows its result but does not page", async () => {
    const service = await makeService("mcp");
    await scheduledChecks(service, [healthy, down], 700);
    const manual = await checkServiceNow(await makeUser("responder"), service.id);
    expect(manual.status).toBe("down");
    expect(manual.manual).toBe(true);
    let tile = await tileOf(service.id);
    expect(tile.status).toBe("down");
    expect(tile.alertState).toBe("failing");
    expect(tile.consecutiveFailures).toBe(1);
    expect(pages(tile)).toEqual([]);
    expect(tile.nextCheckAt).not.toBeNull();
    expect(
      new Date(tile.nextCheckAt as string).getTime() -
        new Date(tile.lastCountedAt as string).getTime(),
    ).toBe(30_000);

    // The next scheduled check, one interval later, is the second consecutive failure: now it pages.
    await simulator.setBehaviour("mcp", down);
    await recordOutcomes([
      await probeAt(service, new Date(new Date(tile.lastCountedAt as string).getTime() + 30_000)),
    ]);
    tile = await tileOf(service.id);
    expect(pages(tile).map((alert) => alert.rule)).toEqual(["down"]);
    expect(pages(tile)[0]?.reason).toMatch(
      /^paging: 2 consecutive scheduled checks failed: .*refused/,
    );
    expect(pages(tile)[0]?.evidence).toHaveLength(2);
    expect(
      pages(tile)[0]?.evidence.every((evidence) => evidence.status === "down" && evidence.checkId),
    ).toBe(true);
    await simulator.setBehaviour("mcp", healthy);
  });

  it("3. sustained degradation warns after five minutes: a compile route 404, a memory team store, Absorb's database", async () => {
    const compile = await makeService("mcp", {
      sampleProbe: {
        method: "POST",
        path: "/api/compile",
        body: "{}",
        expectedStatus: 200,
        latencyBudgetMs: 5_000,
      },
    });
    await scheduledChecks(compile, repeat(10, { mode: "compile-404" }));
    let tile = await tileOf(compile.id);
    expect(tile.status).toBe("degraded");
    expect(tile.alerts).toEqual([]);
    await scheduledChecks(compile, repeat(2, { mode: "compile-404" }));
    tile = await tileOf(compile.id);
    expect(tile.alerts.map((alert) => [alert.rule, alert.level])).toEqual([
      ["degraded", "warning"],
    ]);
    expect(tile.alerts[0]?.reason).toMatch(
      /^degraded for \d+ min: sample POST \/api\/compile: HTTP 404/,
    );

    const memory = await makeService("mcp");
    await scheduledChecks(memory, repeat(12, { mode: "degraded", variant: "team-store-memory" }));
    expect((await tileOf(memory.id)).alerts[0]?.reason).toMatch(/team store is in memory/);

    const absorb = await makeService("absorb");
    await scheduledChecks(absorb, repeat(12, { mode: "degraded", variant: "database-degraded" }));
    const absorbTile = await tileOf(absorb.id);
    expect(absorbTile.alerts.map((alert) => alert.rule)).toEqual(["degraded"]);
    expect(absorbTile.alerts[0]?.reason).toMatch(/database degraded/);
    await simulator.setBehaviour("mcp", healthy);
    await simulator.setBehaviour("absorb", healthy);

    // Healthy again: the warning ends, with an event that says so.
    await scheduledChecks(absorb, [healthy]);
    expect((await tileOf(absorb.id)).alerts).toEqual([]);
    expect(
      await db.healthEvent.count({ where: { serviceId: absorb.id, kind: "warning_cleared" } }),
    ).toBe(1);
  });

  it("3b. latency over the SLO on the 5-minute p95 warns once sustained; one slow answer does not flip the tile", async () => {
    const service = await makeService("mcp", { intervalSeconds: 10, latencySloMs: 3_000 });
    const now = Date.now();
    const at = (index: number, count: number) => new Date(now - (count - index) * 10_000);
    const fast = Array.from({ length: 30 }, (_, index) =>
      checkOutcome(service.id, {
        status: "up",
        reason: "all checks passed",
        scheduledAt: at(index, 30),
        latencyMs: 55,
      }),
    );
    await recordOutcomes(fast.slice(0, 29));
    await recordOutcomes([{ ...(fast[29] as CheckOutcome), latencyMs: 3_506 }]);
    let tile = await tileOf(service.id);
    expect(tile.status).toBe("up");
    expect(tile.latencyWindow.breached).toBe(false);

    const slowService = await makeService("mcp", { intervalSeconds: 10, latencySloMs: 3_000 });
    const slow = Array.from({ length: 40 }, (_, index) =>
      checkOutcome(slowService.id, {
        status: "up",
        reason: "all checks passed",
        scheduledAt: at(index, 40),
        latencyMs: 3_506,
      }),
    );
    for (const outcome of slow) await recordOutcomes([outcome]);
    tile = await tileOf(slowService.id);
    expect(tile.status).toBe("degraded");
    expect(tile.reason).toMatch(/p95 over the last 5 min is 3\.5 s, over the 3 s SLO/);
    expect(tile.latencyWindow).toMatchObject({ breached: true, seconds: 300 });
    expect(tile.alerts.map((alert) => alert.rule)).toEqual(["degraded"]);
  });

  it("4. a tool-count drop stays degraded until the count returns or a lead accepts the new baseline", async () => {
    const service = await makeService("mcp");
    await scheduledChecks(service, repeat(3, healthy), 20 * 30_000);
    expect((await loadFigureBaselines(service.id)).get(service.id)?.tools).toMatchObject({
      value: 234,
      source: "observed",
    });
    await scheduledChecks(service, repeat(20, { mode: "tools-drop", tools: 12 }));
    let tile = await tileOf(service.id);
    expect(tile.status).toBe("degraded");
    expect(tile.reason).toMatch(/tool count 12, down from 234/);
    expect(tile.alerts.map((alert) => alert.rule)).toEqual(["degraded"]);
    const checks = await db.checkResult.findMany({
      where: { serviceId: service.id },
      orderBy: { scheduledAt: "asc" },
    });
    expect(checks.slice(3).every((check) => check.status === "degraded")).toBe(true);

    const lead = await makeUser("lead");
    await acceptBaseline(lead, service.id, {
      figure: "tools",
      reason: "tools were split into a second server",
    });
    await scheduledChecks(service, [{ mode: "tools-drop", tools: 12 }]);
    tile = await tileOf(service.id);
    expect(tile.status).toBe("up");
    const baseline = await db.serviceBaseline.findUniqueOrThrow({
      where: { serviceId_figure: { serviceId: service.id, figure: "tools" } },
    });
    expect(baseline).toMatchObject({
      value: 12,
      source: "accepted",
      acceptedById: lead.id,
      reason: "tools were split into a second server",
    });
    await simulator.setBehaviour("mcp", healthy);
  });

  it("5. p95 'last hour' is the last hour by time, from the stored histograms", async () => {
    const service = await makeService("mcp", { intervalSeconds: 10 });
    const now = Date.now();
    // An hour of checks at 10 s: four minutes at 3.5 s, then 56 minutes at 55 ms.
    const outcomes = Array.from({ length: 360 }, (_, index) =>
      checkOutcome(service.id, {
        status: "up",
        reason: "all checks passed",
        scheduledAt: new Date(now - (360 - index) * 10_000),
        latencyMs: index < 24 ? 3_506 : 55,
      }),
    );
    for (let index = 0; index < outcomes.length; index += 60)
      await recordOutcomes(outcomes.slice(index, index + 60));
    const tile = await tileOf(service.id);
    expect(tile.p95LastHourMs).toBeGreaterThan(3_000);
    expect(tile.latencyWindow.p95Ms).toBeLessThan(100);
    expect(tile.status).toBe("up");
  });

  it("6. a certificate two days from expiry pages as a certificate alert; the service stays up, uptime untouched", async () => {
    const service = await makeService("tls", { checkTlsExpiry: true });
    await scheduledChecks(service, repeat(3, healthy));
    const tile = await tileOf(service.id);
    expect(tile.status).toBe("up");
    expect(tile.uptime.day).toBe(1);
    expect(tile.alertState).toBe("ok");
    expect(tile.certificate).toMatchObject({ level: "page", warnDays: 14, pageDays: 3 });
    expect(tile.alerts.map((alert) => [alert.rule, alert.level])).toEqual([
      ["certificate", "page"],
    ]);
    expect(tile.alerts[0]?.reason).toMatch(
      /^certificate expires in (1 day|2 days) \((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d UTC\)$/,
    );
    expect(declareDefaultsFromTile(tile).severity).not.toBe("sev1");

    // Renewed: the alert ends at the next check.
    simulator.replaceCertificate("tls", { expiresInDays: 90 });
    setExtraTrustedCertificatesForTests([simulator.certificateOf("tls").certificate]);
    await scheduledChecks(service, [healthy]);
    expect((await tileOf(service.id)).alerts).toEqual([]);
  });

  it("7. a URL that answers as another service is down, and says which", async () => {
    const service = await makeService("impostor");
    await scheduledChecks(service, [
      { mode: "answers-as", kind: "absorb" },
      { mode: "answers-as", kind: "absorb" },
    ]);
    const tile = await tileOf(service.id);
    expect(tile.status).toBe("down");
    expect(tile.reason).toBe("this URL answers as Absorb, not the MCP server");
    expect(pages(tile).map((alert) => alert.rule)).toEqual(["down"]);
  });

  it("8. /ops/status is read by its fields: two critical regions page behind a 'healthy' word, one region alone degrades", async () => {
    const twoRegions = await makeService("mcp");
    const critical: BehaviourInput = {
      mode: "ops-regions",
      regions: [
        { id: "eu-west", status: "critical", detail: "fetch failed" },
        { id: "us-east", status: "critical" },
        { id: "ap-south", status: "healthy" },
      ],
      errorRate: 0.6,
      openBreakers: ["unity"],
    };
    await scheduledChecks(twoRegions, [critical, critical]);
    let tile = await tileOf(twoRegions.id);
    expect(tile.status).toBe("down");
    expect(tile.reason).toMatch(/2 regions critical/);
    expect(tile.reason).toMatch(/60%/);
    expect(tile.reason).toMatch(/unity/);
    expect(pages(tile).map((alert) => alert.rule)).toEqual(["down"]);

    const oneRegion = await makeService("mcp");
    await scheduledChecks(
      oneRegion,
      repeat(3, {
        mode: "ops-regions",
        regions: [
          { id: "eu-west", status: "critical" },
          { id: "us-east", status: "healthy" },
        ],
      }),
    );
    tile = await tileOf(oneRegion.id);
    expect(tile.status).toBe("degraded");
    expect(pages(tile)).toEqual([]);
    await simulator.setBehaviour("mcp", healthy);
  });

  it("9. a down tile labels its last good figures with their time, and uptime says how much of the window it covers", async () => {
    const service = await makeService("absorb");
    const times = await scheduledChecks(service, [...repeat(32, healthy), ...repeat(8, down)]);
    const tile = await tileOf(service.id);
    expect(tile.status).toBe("down");
    expect(tile.figures).toMatchObject({ agents: expect.any(Number) });
    expect(tile.figuresAt).toBe(times[31]?.toISOString());
    expect(new Date(tile.figuresAt as string).getTime()).toBeLessThan(
      new Date(tile.lastCheckedAt as string).getTime(),
    );
    expect(tile.statusSince).toBe(times[32]?.toISOString());
    expect(tile.firstCheckedAt).toBe(times[0]?.toISOString());
    expect(tile.uptime.month).toBeCloseTo(32 / 40, 5);
    await simulator.setBehaviour("absorb", healthy);
  });

  it("10. failures that come and go page on a fast error-budget burn (14.4x over 1 h and 5 min) and end when the short window clears", async () => {
    const service = await makeService("mcp");
    const now = Date.now();
    const at = (index: number) => new Date(now - (100 - index) * 30_000);
    const result = (index: number, status: "up" | "down") =>
      checkOutcome(service.id, {
        status,
        reason: status === "up" ? "all checks passed" : "/health: HTTP 502",
        scheduledAt: at(index),
        latencyMs: 80,
      });
    // 40 minutes of history with one failed check 35 minutes ago, then another one now: 2 of 81 in the hour.
    await recordOutcomes(
      Array.from({ length: 80 }, (_, index) => result(index, index === 10 ? "down" : "up")),
    );
    expect((await tileOf(service.id)).alerts).toEqual([]);
    await recordOutcomes([result(80, "down")]);
    let tile = await tileOf(service.id);
    expect(tile.alerts.map((alert) => [alert.rule, alert.level])).toEqual([["burn_fast", "page"]]);
    expect(tile.alerts[0]?.reason).toMatch(
      /^error budget burning fast: \d+(\.\d)?x over 1 h and \d+(\.\d)?x over 5 min \(pages at 14.4x of a 99.90 % SLO\)$/,
    );
    expect(tile.availability.burn?.fastLong).toBeGreaterThan(14.4);
    expect(tile.alertState).toBe("failing");

    // Passing again: the page lasts while the 5-minute window still burns, then ends.
    for (let index = 81; index < 85; index++) await recordOutcomes([result(index, "up")]);
    expect((await tileOf(service.id)).alerts.map((alert) => alert.rule)).toEqual(["burn_fast"]);
    // Six minutes after the failure, the 5-minute window (minute buckets) no longer holds it.
    for (let index = 85; index < 93; index++) await recordOutcomes([result(index, "up")]);
    tile = await tileOf(service.id);
    expect(tile.alerts).toEqual([]);
    expect(
      await db.healthEvent.count({ where: { serviceId: service.id, kind: "page_cleared" } }),
    ).toBe(1);
  });
});
