import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FigureBaselines } from "@/lib/health/baseline-rules";
import { runServiceCheck, type CheckTarget } from "@/lib/health/check";
import type { HealthStatus, ProbeProfile } from "@/lib/health/types";
import { parseAllowRule } from "@/lib/outbound/policy";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import type { BehaviourInput, TargetKind } from "@/dev/simulator/schema";

let simulator: Simulator;
const rules = [parseAllowRule("127.0.0.1")];
const profileOf: Record<TargetKind, ProbeProfile> = {
  mcp: "holoscript_mcp",
  absorb: "absorb",
  studio: "studio",
  orchestrator: "generic_json",
  generic: "generic_json",
};

beforeAll(async () => {
  simulator = await startSimulator({
    targets: (["mcp", "absorb", "studio", "orchestrator"] as const).map((kind) => ({
      id: kind,
      kind,
    })),
  });
});
afterAll(() => simulator.stop());

function target(kind: TargetKind, overrides: Partial<CheckTarget> = {}): CheckTarget {
  return {
    id: kind,
    baseUrl: simulator.urlOf(kind),
    profile: profileOf[kind],
    timeoutSeconds: 2,
    latencySloMs: 1_500,
    sampleProbe: null,
    checkTlsExpiry: false,
    ...overrides,
  };
}

async function check(
  kind: TargetKind,
  behaviour: BehaviourInput,
  overrides: Partial<CheckTarget> = {},
  baselines: FigureBaselines = {},
) {
  await simulator.setBehaviour(kind, behaviour);
  try {
    return await runServiceCheck(target(kind, overrides), {
      scheduledAt: new Date(),
      rules,
      baselines,
    });
  } finally {
    await simulator.setBehaviour(kind, { mode: "healthy" });
  }
}

const cases: Array<{
  kind: TargetKind;
  behaviour: BehaviourInput;
  status: HealthStatus;
  reason: RegExp;
}> = [
  { kind: "mcp", behaviour: { mode: "healthy" }, status: "up", reason: /all checks passed/ },
  {
    kind: "mcp",
    behaviour: { mode: "degraded", variant: "team-store-memory" },
    status: "degraded",
    reason: /team store is in memory: team state will be lost on the next deploy/,
  },
  {
    kind: "mcp",
    behaviour: { mode: "degraded", variant: "tools-zero" },
    status: "degraded",
    reason: /no tools are registered/,
  },
  {
    kind: "mcp",
    behaviour: { mode: "degraded", variant: "keepalive-failing" },
    status: "degraded",
    reason: /keep-alive ping is failing/,
  },
  {
    kind: "mcp",
    behaviour: { mode: "ops-critical" },
    status: "down",
    reason:
      /secured-tool error rate 62% \(248 of 400 requests failed\).*1 region critical: eu-west \(fetch failed\)/,
  },
  {
    kind: "mcp",
    behaviour: { mode: "ops-degraded" },
    status: "degraded",
    reason: /circuit breaker open: unity; 2 active anomalies/,
  },
  {
    kind: "mcp",
    behaviour: { mode: "rich-health", status: "unhealthy" },
    status: "down",
    reason: /reports unhealthy/,
  },
  {
    kind: "mcp",
    behaviour: { mode: "rich-health", status: "healthy" },
    status: "up",
    reason: /all checks passed/,
  },
  { kind: "mcp", behaviour: { mode: "down" }, status: "down", reason: /connection refused/ },
  {
    kind: "mcp",
    behaviour: { mode: "http-502-html" },
    status: "down",
    reason: /HTTP 502 error page from the edge/,
  },
  { kind: "mcp", behaviour: { mode: "malformed-json" }, status: "down", reason: /malformed JSON/ },
  { kind: "mcp", behaviour: { mode: "oversized" }, status: "down", reason: /larger than 1 MiB/ },
  { kind: "absorb", behaviour: { mode: "healthy" }, status: "up", reason: /all checks passed/ },
  {
    kind: "absorb",
    behaviour: { mode: "degraded", variant: "database-degraded" },
    status: "degraded",
    reason: /database degraded: .+/,
  },
  {
    kind: "absorb",
    behaviour: { mode: "degraded", variant: "moltbook-timeout" },
    status: "degraded",
    reason: /Moltbook agent-count probe: timeout/,
  },
  { kind: "absorb", behaviour: { mode: "http-500-json" }, status: "down", reason: /HTTP 500/ },
  { kind: "studio", behaviour: { mode: "healthy" }, status: "up", reason: /all checks passed/ },
  {
    kind: "studio",
    behaviour: { mode: "degraded", variant: "studio-degraded" },
    status: "degraded",
    reason: /Studio reports degraded/,
  },
  {
    kind: "orchestrator",
    behaviour: { mode: "healthy" },
    status: "up",
    reason: /all checks passed/,
  },
  {
    kind: "orchestrator",
    behaviour: { mode: "hang" },
    status: "down",
    reason: /no answer within 2 s/,
  },
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

  it("keeps key figures and the version", async () => {
    const healthy = await check("mcp", { mode: "healthy" });
    expect(healthy.version).toBe("6.1.0");
    expect(healthy.figures).toMatchObject({ tools: 234 });
  });

  it("judges a tool count against its baseline, not the previous check: degraded for as long as it stays low", async () => {
    const baselines: FigureBaselines = {
      tools: { figure: "tools", value: 234, source: "deploy", setAt: "2026-05-20T10:00:00.000Z" },
    };
    for (let round = 0; round < 2; round += 1) {
      const dropped = await check("mcp", { mode: "tools-drop" }, {}, baselines);
      expect(`${dropped.status}: ${dropped.reason}`).toMatch(
        /^degraded: tool count 12, down from 234 \(the last green deploy\)/,
      );
      expect(dropped.figures).toMatchObject({ tools: 12 });
    }
    const mild = await check("mcp", { mode: "tools-drop", tools: 200 }, {}, baselines);
    expect(`${mild.status}: ${mild.reason}`).toBe("up: all checks passed");
    const noBaseline = await check("mcp", { mode: "tools-drop" });
    expect(noBaseline.status).toBe("up");
  });

  it("calls an MCP target that answers as Absorb down, naming the service it found", async () => {
    const outcome = await runServiceCheck(target("mcp", { baseUrl: simulator.urlOf("absorb") }), {
      scheduledAt: new Date(),
      rules,
      baselines: {},
    });
    expect(`${outcome.status}: ${outcome.reason}`).toBe(
      "down: this URL answers as Absorb, not the MCP server",
    );
    expect(outcome.version).toBeNull();
    expect(outcome.figures).toEqual({});
  });

  it("calls an Absorb or Studio target that answers as another HoloScript service down", async () => {
    const absorbAsStudio = await runServiceCheck(
      target("absorb", { baseUrl: simulator.urlOf("studio").replace(/\/?$/, "/api") }),
      { scheduledAt: new Date(), rules, baselines: {} },
    );
    expect(`${absorbAsStudio.status}: ${absorbAsStudio.reason}`).toBe(
      "down: this URL answers as Studio, not Absorb",
    );
    const studioAsMcp = await runServiceCheck(
      target("studio", { baseUrl: simulator.urlOf("mcp") }),
      { scheduledAt: new Date(), rules, baselines: {} },
    );
    expect(`${studioAsMcp.status}: ${studioAsMcp.reason}`).toBe(
      "down: this URL answers as the MCP server, not Studio",
    );
  });

  it("leaves latency to the windowed SLO: a slow but correct answer is up, with its latency kept", async () => {
    const outcome = await check("mcp", { mode: "slow", delayMs: 1_700 });
    expect(`${outcome.status}: ${outcome.reason}`).toBe("up: all checks passed");
    expect(outcome.latencyMs).toBeGreaterThan(1_500);
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
    const outcome = await runServiceCheck(target("studio"), {
      scheduledAt: new Date(),
      rules: [],
      baselines: {},
    });
    expect(outcome.status).toBe("down");
    expect(outcome.reason).toMatch(/blocked by Vigil's outbound policy/);
    expect(simulator.requestCount("studio")).toBe(before);
  });

  it("judges the runbook's sample route against its latency budget", async () => {
    const outcome = await check(
      "orchestrator",
      { mode: "healthy" },
      {
        sampleProbe: { method: "GET", path: "/nope", expectedStatus: 200, latencyBudgetMs: 5_000 },
      },
    );
    expect(outcome.status).toBe("degraded");
    expect(outcome.reason).toMatch(/sample GET \/nope: HTTP 404, expected 200/);
  });
});

describe("checks by host name", () => {
  // The simulator listens on 127.0.0.1 and ::1; localhost resolves to one or both, depending on the machine.
  const byName = (kind: TargetKind) =>
    simulator.urlOf(kind).replace("//127.0.0.1:", "//localhost:");
  const bothLoopbacks = [parseAllowRule("127.0.0.1"), parseAllowRule("[::1]")];

  it("checks services whose base URL is http://localhost:<port>", async () => {
    for (const kind of ["mcp", "absorb", "studio", "orchestrator"] as const) {
      const before = simulator.requestCount(kind);
      const outcome = await runServiceCheck(target(kind, { baseUrl: byName(kind) }), {
        scheduledAt: new Date(),
        rules: bothLoopbacks,
        baselines: {},
      });
      expect(`${outcome.status}: ${outcome.reason}`, kind).toMatch(/^up: all checks passed/);
      expect(simulator.requestCount(kind)).toBeGreaterThan(before);
    }
    await simulator.setBehaviour("mcp", { mode: "down" });
    try {
      const down = await runServiceCheck(target("mcp", { baseUrl: byName("mcp") }), {
        scheduledAt: new Date(),
        rules: bothLoopbacks,
        baselines: {},
      });
      expect(`${down.status}: ${down.reason}`).toMatch(/^down: .*connection refused/);
    } finally {
      await simulator.setBehaviour("mcp", { mode: "healthy" });
    }
  });

  it("refuses a name none of whose addresses an allow rule covers, naming them, without connecting", async () => {
    const before = simulator.requestCount("studio");
    const outcome = await runServiceCheck(target("studio", { baseUrl: byName("studio") }), {
      scheduledAt: new Date(),
      rules: [parseAllowRule("10.0.0.0/8")],
      baselines: {},
    });
    expect(outcome.status).toBe("down");
    expect(outcome.reason).toMatch(
      /blocked by Vigil's outbound policy: localhost resolves to .*127\.0\.0\.1.*Settings → Outbound allow-list/,
    );
    expect(simulator.requestCount("studio")).toBe(before);
  });
});
