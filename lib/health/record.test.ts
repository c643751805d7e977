import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowLoopbackSimulators } from "@/test/fixtures";
import { db } from "@/lib/db";
import { runServiceCheck, type CheckOutcome } from "@/lib/health/check";
import { createService } from "@/lib/services/mutations";
import { getLatencySeries, getServiceDetail, getStatusSummary } from "@/lib/health/data";
import { recordOutcomes } from "@/lib/health/record";
import { parseAllowRule } from "@/lib/outbound/policy";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";

const admin = { id: null, label: "vitest" };
let simulator: Simulator;
const rules = [parseAllowRule("127.0.0.1")];

let releaseLoopback = async () => {};
afterAll(() => releaseLoopback());

beforeAll(async () => {
  simulator = await startSimulator({ targets: [{ id: "mcp", kind: "mcp" }] });
  releaseLoopback = await allowLoopbackSimulators(admin);
});
afterAll(() => simulator.stop());

async function makeService(name = `svc-${Math.random().toString(36).slice(2, 8)}`) {
  return createService(admin, {
    name,
    baseUrl: simulator.urlOf("mcp"),
    profile: "holoscript_mcp",
    environment: "test",
  });
}

let slot = Date.parse("2026-11-27T10:00:00Z");
async function observe(serviceId: string, mode: "healthy" | "down"): Promise<CheckOutcome> {
  await simulator.setBehaviour("mcp", { mode });
  slot += 30_000;
  return runServiceCheck(
    {
      id: serviceId,
      baseUrl: simulator.urlOf("mcp"),
      profile: "holoscript_mcp",
      timeoutSeconds: 2,
      latencySloMs: 3_000,
      sampleProbe: null,
      checkTlsExpiry: false,
    },
    { scheduledAt: new Date(slot), rules, baselines: {} },
  );
}

async function stateOf(serviceId: string) {
  return db.serviceState.findUniqueOrThrow({ where: { serviceId } });
}

describe("recording check results", () => {
  it("pages after two consecutive failures and recovers after two successes, with each change as an event", async () => {
    const service = await makeService();
    const sequence = ["healthy", "down", "down", "healthy", "healthy"] as const;
    const states: string[] = [];
    for (const mode of sequence) {
      await recordOutcomes([await observe(service.id, mode)]);
      states.push((await stateOf(service.id)).alertState);
    }
    await simulator.setBehaviour("mcp", { mode: "healthy" });
    expect(states).toEqual(["ok", "failing", "alerting", "recovering", "ok"]);
    const events = await db.healthEvent.findMany({
      where: { serviceId: service.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.kind)).toEqual([
      "failing",
      "alerting",
      "recovering",
      "recovered",
    ]);
    expect(events[1]?.reason).toMatch(
      /paging: 2 consecutive scheduled checks failed: .*connection refused/,
    );
  });

  it("stores a slot once and never lets a late result change the state", async () => {
    const service = await makeService();
    const newer = await observe(service.id, "healthy");
    const older = {
      ...(await observe(service.id, "down")),
      scheduledAt: new Date(newer.scheduledAt.getTime() - 60_000),
    };
    await recordOutcomes([newer]);
    const duplicate = await recordOutcomes([newer, newer]);
    expect(duplicate.written).toBe(0);
    await recordOutcomes([older]);
    const state = await stateOf(service.id);
    expect(state.lastStatus).toBe("up");
    expect(state.alertState).toBe("ok");
    expect(state.lastScheduledAt?.getTime()).toBe(newer.scheduledAt.getTime());
    expect(await db.checkResult.count({ where: { serviceId: service.id } })).toBe(2);
  });

  it("drops results of a service deleted meanwhile instead of failing the batch", async () => {
    const keep = await makeService();
    const gone = await makeService();
    const outcomes = [await observe(keep.id, "healthy"), await observe(gone.id, "healthy")];
    await db.service.delete({ where: { id: gone.id } });
    await expect(recordOutcomes(outcomes)).resolves.toMatchObject({ written: 1 });
  });

  it("feeds tiles, uptime and latency series from rollups", async () => {
    const service = await makeService();
    const now = Date.now();
    const outcomes = [] as CheckOutcome[];
    for (let index = 0; index < 8; index++) {
      const outcome = await observe(service.id, index < 6 ? "healthy" : "down");
      outcomes.push({ ...outcome, scheduledAt: new Date(now - (8 - index) * 60_000) });
    }
    await recordOutcomes(outcomes);
    const summary = await getStatusSummary({ environment: "test" });
    const tile = summary.tiles.find((candidate) => candidate.id === service.id);
    expect(tile?.status).toBe("down");
    expect(tile?.uptime.day).toBeCloseTo(6 / 8, 5);
    expect(tile?.sparkline.length).toBeGreaterThan(0);
    expect(tile?.figures).toMatchObject({ tools: 234 });
    const series = await getLatencySeries(service.id, "1h");
    expect(series.reduce((sum, point) => sum + point.count, 0)).toBe(6);
    expect(series.every((point) => point.p95Ms === null || point.p95Ms >= 0)).toBe(true);
    const detail = await getServiceDetail(service.id);
    expect(detail?.uptimeDays).toHaveLength(90);
    // The bars are UTC days: just after midnight the results above fall on yesterday's bar, not today's.
    const resultDays = new Set(
      outcomes.map((outcome) => outcome.scheduledAt.toISOString().slice(0, 10)),
    );
    const barsWithResults = detail?.uptimeDays.filter((day) => resultDays.has(day.day)) ?? [];
    expect(barsWithResults.length).toBe(resultDays.size);
    expect(barsWithResults.reduce((sum, day) => sum + day.total, 0)).toBe(8);
  });

  it("raises one 'monitoring itself is degraded' alert when nearly every target fails, and suppresses the per-service pages", async () => {
    await db.service.updateMany({
      where: { environment: { not: "a3" } },
      data: { enabled: false },
    });
    await db.monitorStatus.deleteMany();
    // Other files (the pager's) raise this alert too: only this test's count.
    const started = new Date();
    const services = await Promise.all(
      Array.from({ length: 5 }, (_, index) => makeServiceIn("a3", `a3-${index}`)),
    );
    for (let round = 0; round < 2; round++) {
      const outcomes = await Promise.all(services.map((service) => observe(service.id, "down")));
      await recordOutcomes(
        outcomes.map((outcome, index) => ({ ...outcome, scheduledAt: new Date(slot + index) })),
      );
    }
    const monitorEvents = await db.healthEvent.findMany({
      where: { kind: "monitor_degraded", at: { gte: started } },
    });
    expect(monitorEvents).toHaveLength(1);
    expect((await getStatusSummary()).monitor.degraded).toBe(true);
    const pages = await db.healthEvent.findMany({
      where: { kind: "alerting", serviceId: { in: services.map((service) => service.id) } },
    });
    expect(pages).toHaveLength(5);
    expect(pages.every((page) => page.suppressed)).toBe(true);
    await db.service.updateMany({ data: { enabled: true } });
  });
});

async function makeServiceIn(environment: string, name: string) {
  return createService(admin, {
    name,
    baseUrl: simulator.urlOf("mcp"),
    profile: "holoscript_mcp",
    environment,
  });
}
