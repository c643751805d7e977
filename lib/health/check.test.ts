import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runServiceCheck, type CheckTarget } from "@/lib/health/check";
import type { HealthStatus, ProbeProfile } from "@/lib/health/schema";
import { parseAllowRule } from "@/lib/outbound/policy";
import { startSimulator, type Simulator } from "@/lib/simulator/fleet";
import type { BehaviourInput, TargetKind } from "@/lib/simulator/schema";

let simulator: Simulator;
const rules = [parseAllowRule("127.0.0.1")];
const profileOf: Record<TargetKind, ProbeProfile> = { mcp: "holoscript_mcp", absorb: "absorb", studio: "studio", orchestrator: "generic_json", generic: "generic_json" };

beforeAll(async () => {
  simulator = await startSimulator({
    targets: (["mcp", "absorb", "studio", "orchestrator"] as const).map((kind) => ({ id: kind, kind })),
  });
});
afterAll(() => simulator.stop());

function target(kind: TargetKind, overrides: Partial<CheckTarget> = {}): CheckTarget {
  return { id: kind, baseUrl: simulator.urlOf(kind), profile: profileOf[kind], timeoutSeconds: 2, latencySloMs: 1_500, sampleProbe: null, checkTlsExpiry: false, ...overrides };
}

async function check(kind: TargetKind, behaviour: BehaviourInput, overrides: Partial<CheckTarget> = {}, previousFigures = {}) {
  await simulator.setBehaviour(kind, behaviour);
  try {
    return await runServiceCheck(target(kind, overrides), { scheduledAt: new Date(), rules, previousFigures });
  } finally {
    await simulator.setBehaviour(kind, { mode: "healthy" });
  }
}

const cases: Array<{ kind: TargetKind; behaviour: BehaviourInput; status: HealthStatus; reason: RegExp }> = [
  { kind: "mcp", behaviour: { mode: "healthy" }, status: "up", reason: /all checks passed/ },
  { kind: "mcp", behaviour: { mode: "degraded", variant: "team-store-memory" }, status: "degraded", reason: /team store is in memory: team state will be lost on the next deploy/ },
  { kind: "mcp", behaviour: { mode: "degraded", variant: "tools-zero" }, status: "degraded", reason: /no tools are registered/ },
  { kind: "mcp", behaviour: { mode: "degraded", variant: "keepalive-failing" }, status: "degraded", reason: /keep-alive ping is failing/ },
  { kind: "mcp", behaviour: { mode: "ops-critical" }, status: "down", reason: /ops status critical/ },
  { kind: "mcp", behaviour: { mode: "ops-degraded" }, status: "degraded", reason: /ops status degraded/ },
  { kind: "mcp", behaviour: { mode: "rich-health", status: "unhealthy" }, status: "down", reason: /reports unhealthy/ },
  { kind: "mcp", behaviour: { mode: "rich-health", status: "healthy" }, status: "up", reason: /all checks passed/ },
  { kind: "mcp", behaviour: { mode: "down" }, status: "down", reason: /connection refused/ },
  { kind: "mcp", behaviour: { mode: "http-502-html" }, status: "down", reason: /HTTP 502 error page from the edge/ },
  { kind: "mcp", behaviour: { mode: "malformed-json" }, status: "down", reason: /malformed JSON/ },
  { kind: "mcp", behaviour: { mode: "oversized" }, status: "down", reason: /larger than 1 MiB/ },
  { kind: "mcp", behaviour: { mode: "slow", delayMs: 1_700 }, status: "degraded", reason: /slow: answered in 1\.\d s, over the 1\.5 s SLO/ },
  { kind: "absorb", behaviour: { mode: "healthy" }, status: "up", reason: /all checks passed/ },
  { kind: "absorb", behaviour: { mode: "degraded", variant: "database-degraded" }, status: "degraded", reason: /database degraded: .+/ },
  { kind: "absorb", behaviour: { mode: "degraded", variant: "moltbook-timeout" }, status: "degraded", reason: /Moltbook agent-count probe: timeout/ },
  { kind: "absorb", behaviour: { mode: "http-500-json" }, status: "down", reason: /HTTP 500/ },
  { kind: "studio", behaviour: { mode: "healthy" }, status: "up", reason: /all checks passed/ },
  { kind: "studio", behaviour: { mode: "degraded", variant: "studio-degraded" }, status: "degraded", reason: /Studio reports degraded/ },
  { kind: "orchestrator", behaviour: { mode: "healthy" }, status: "up", reason: /all checks passed/ },
  { kind: "orchestrator", behaviour: { mode: "hang" }, status: "down", reason: /no answer within 2 s/ },
];

describe("derived health against the simulated fleet", () => {
  for (const { kind, behaviour, status, reason } of cases) {
    it(`${kind} ${JSON.stringify(behaviour)} → ${status}`, async () => {
      const outcome = await check(kind, behaviour);
      expect(outcome.status).toBe(status);
      expect(outcome.reason).toMatch(reason);
      if (status === "up") expect(outcome.bodySample).toBeNull();
    });
  }

  it("keeps key figures and the version, and notices a sharp drop in tools", async () => {
    const healthy = await check("mcp", { mode: "healthy" });
    expect(healthy.version).toBe("6.1.0");
    expect(healthy.figures).toMatchObject({ tools: 234 });
    const dropped = await check("mcp", { mode: "tools-drop" }, {}, healthy.figures);
    expect(dropped.status).toBe("degraded");
    expect(dropped.reason).toMatch(/tool count dropped sharply from 234 to 12/);
  });

  it("keeps at most 1 KiB of a failure's body, and none of a success's", async () => {
    const failed = await check("mcp", { mode: "http-502-html" });
    expect(failed.bodySample).toMatch(/502/);
    expect(Buffer.byteLength(failed.bodySample ?? "")).toBeLessThanOrEqual(1024);
  });

  it("stops a hung target at the deadline and reports it with timings", async () => {
    const started = Date.now();
    const outcome = await check("absorb", { mode: "hang" }, { timeoutSeconds: 1 });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(outcome.status).toBe("down");
    expect(outcome.timings?.connectMs).toBeGreaterThanOrEqual(0);
  });

  it("refuses a loopback target that no allow rule covers, without connecting", async () => {
    const before = simulator.requestCount("studio");
    const outcome = await runServiceCheck(target("studio"), { scheduledAt: new Date(), rules: [], previousFigures: {} });
    expect(outcome.status).toBe("down");
    expect(outcome.reason).toMatch(/blocked by Vigil's outbound policy/);
    expect(simulator.requestCount("studio")).toBe(before);
  });

  it("judges the runbook's sample route against its latency budget", async () => {
    const outcome = await check("orchestrator", { mode: "healthy" }, { sampleProbe: { method: "GET", path: "/nope", expectedStatus: 200, latencyBudgetMs: 5_000 } });
    expect(outcome.status).toBe("degraded");
    expect(outcome.reason).toMatch(/sample GET \/nope: HTTP 404, expected 200/);
  });
});

describe("checks by host name", () => {
  // The simulator listens on 127.0.0.1 and ::1; localhost resolves to one or both, depending on the machine.
  const byName = (kind: TargetKind) => simulator.urlOf(kind).replace("//127.0.0.1:", "//localhost:");
  const bothLoopbacks = [parseAllowRule("127.0.0.1"), parseAllowRule("[::1]")];

  it("checks services whose base URL is http://localhost:<port>", async () => {
    for (const kind of ["mcp", "absorb", "studio", "orchestrator"] as const) {
      const before = simulator.requestCount(kind);
      const outcome = await runServiceCheck(target(kind, { baseUrl: byName(kind) }), { scheduledAt: new Date(), rules: bothLoopbacks, previousFigures: {} });
      expect(`${outcome.status}: ${outcome.reason}`, kind).toMatch(/^up: all checks passed/);
      expect(simulator.requestCount(kind)).toBeGreaterThan(before);
    }
    await simulator.setBehaviour("mcp", { mode: "down" });
    try {
      const down = await runServiceCheck(target("mcp", { baseUrl: byName("mcp") }), { scheduledAt: new Date(), rules: bothLoopbacks, previousFigures: {} });
      expect(`${down.status}: ${down.reason}`).toMatch(/^down: .*connection refused/);
    } finally {
      await simulator.setBehaviour("mcp", { mode: "healthy" });
    }
  });

  it("refuses a name none of whose addresses an allow rule covers, naming them, without connecting", async () => {
    const before = simulator.requestCount("studio");
    const outcome = await runServiceCheck(target("studio", { baseUrl: byName("studio") }), { scheduledAt: new Date(), rules: [parseAllowRule("10.0.0.0/8")], previousFigures: {} });
    expect(outcome.status).toBe("down");
    expect(outcome.reason).toMatch(/blocked by Vigil's outbound policy: localhost resolves to .*127\.0\.0\.1.*Settings → Outbound allow-list/);
    expect(simulator.requestCount("studio")).toBe(before);
  });
});
