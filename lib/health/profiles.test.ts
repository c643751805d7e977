import { describe, expect, it } from "vitest";
import type { FigureBaselines } from "@/lib/health/baseline-rules";
import {
  absorbFindings,
  identifyHoloScriptService,
  mcpHealthFindings,
  opsStatusFindings,
  studioFindings,
  worstStatus,
  type Finding,
} from "@/lib/health/profiles";
import type { BaselineSource } from "@/lib/health/types";

// The bodies each service serves, as ../shared/docs/holoscript-contract.md describes them.
const mcpBody = {
  status: "healthy",
  service: "holoscript-mcp",
  version: "6.1.0",
  uptime: 12345.6,
  sessions: 3,
  tools: 234,
  storage: { teamStore: "postgres", databaseUrl: true },
  sse: { railway: true, mcpClassicSse: false, mcpStreamableHttp: true },
  security: { oauth21: true, auditLogging: true, registeredClients: 12, activeTokens: 4 },
  keepAlive: {
    enabled: true,
    intervalMs: 270000,
    lastPingStatus: "ok",
    lastPingAt: "2026-05-21T10:00:00Z",
  },
};
const mcpRichBody = {
  status: "healthy",
  uptime: 12345,
  timestamp: "2026-04-19T10:00:00Z",
  checks: {
    registry: { status: "ok", agentCount: 8 },
    telemetry: { status: "ok", totalSpans: 42, activeSpans: 1, totalEvents: 100 },
    tools: { status: "ok", toolCount: 118 },
  },
  version: "6.2.0",
};
const absorbBody = {
  status: "ok",
  service: "absorb-service",
  version: "1.4.2",
  uptime: 100,
  database: "connected",
  moltbookAgentCountProbe: "ok",
  moltbookActiveAgents: 42,
  mcpSessions: 2,
  diagnostics: { likely502Cause: "upstream", dbLayer: "Postgres probe succeeded recently." },
  timestamp: "2026-05-21T10:00:00Z",
};
const { service: _absorbName, ...absorbBodyWithoutName } = absorbBody;
const studioBody = {
  degraded: false,
  ai: { provider: "openrouter", connected: true },
  taskBoard: { mode: "db-backed", degraded: false },
  teamActivity: { active_teams: 4 },
};

type Profile = "mcp" | "absorb" | "studio";
const bodies: Record<Profile, unknown> = { mcp: mcpBody, absorb: absorbBody, studio: studioBody };
const names: Record<Profile, string> = {
  mcp: "the MCP server",
  absorb: "Absorb",
  studio: "Studio",
};
const judge: Record<Profile, (json: unknown) => Finding[]> = {
  mcp: (json) => mcpHealthFindings(json, {}).findings,
  absorb: (json) => absorbFindings(json).findings,
  studio: (json) => studioFindings(json).findings,
};
const profiles = ["mcp", "absorb", "studio"] as const;

function verdict(findings: Finding[]): string {
  return `${worstStatus(findings)}: ${findings.map((finding) => finding.reason).join("; ")}`;
}

describe("identifyHoloScriptService", () => {
  it("names each service by its body", () => {
    expect(identifyHoloScriptService(mcpBody)).toBe("mcp");
    expect(identifyHoloScriptService(mcpRichBody)).toBe("mcp");
    expect(
      identifyHoloScriptService({
        status: "degraded",
        checks: { registry: { status: "ok", agentCount: 1 } },
      }),
    ).toBe("mcp");
    expect(identifyHoloScriptService(absorbBody)).toBe("absorb");
    expect(identifyHoloScriptService(absorbBodyWithoutName)).toBe("absorb");
    expect(identifyHoloScriptService(studioBody)).toBe("studio");
    expect(
      identifyHoloScriptService({
        degraded: true,
        taskBoard: { mode: "in-memory", degraded: true, error: "ECONNREFUSED" },
      }),
    ).toBe("studio");
  });

  it("names nothing it cannot tell apart", () => {
    for (const body of [
      null,
      "healthy",
      [mcpBody],
      { status: "ok" },
      { uptime: 1, version: "0.9.4", knowledge_entries: 1873 },
      { status: "ok", degraded: false, ai: {} },
    ]) {
      expect(identifyHoloScriptService(body), JSON.stringify(body)).toBeNull();
    }
  });
});

describe("each HoloScript profile checks whom it is talking to", () => {
  for (const expected of profiles) {
    for (const actual of profiles) {
      it(`${expected} profile reading ${actual}'s body`, () => {
        const result = verdict(judge[expected](bodies[actual]));
        if (expected === actual) expect(result).toMatch(/^up: $/);
        else
          expect(result).toBe(`down: this URL answers as ${names[actual]}, not ${names[expected]}`);
      });
    }
  }

  it("keeps no version or figures from the wrong service", () => {
    expect(mcpHealthFindings(absorbBody, {})).toMatchObject({ version: null, figures: {} });
    expect(absorbFindings(mcpBody)).toMatchObject({ version: null, figures: {} });
  });

  it("accepts the runbook's richer MCP shape, with its tool count", () => {
    const rich = mcpHealthFindings(mcpRichBody, {});
    expect(verdict(rich.findings)).toBe("up: ");
    expect(rich.figures).toMatchObject({ tools: 118, agents: 8 });
    expect(rich.version).toBe("6.2.0");
  });

  it("calls an MCP answer with neither identity nor tools down", () => {
    expect(verdict(mcpHealthFindings({ status: "ok" }, {}).findings)).toBe(
      "down: /health does not identify as the MCP server: no service name or tool count",
    );
    expect(
      verdict(mcpHealthFindings({ status: "healthy", version: "6.1.0" }, {}).findings),
    ).toMatch(/^down: \/health does not identify as the MCP server/);
  });

  it("takes a tool count as the MCP server's identity when the name is missing", () => {
    const { service: _name, ...unnamed } = mcpBody;
    expect(verdict(mcpHealthFindings(unnamed, {}).findings)).toBe("up: ");
  });
});

const healthyOps = {
  status: "healthy",
  timestamp: "2026-05-21T10:00:00Z",
  uptimeSeconds: 3600,
  replicaCount: 2,
  regions: [
    { id: "us-west", status: "healthy" },
    { id: "eu-west", status: "healthy" },
    { id: "ap-east", status: "unknown", detail: "no_health_url_configured" },
  ],
  anomaly: { activeAnomalies: 0 },
  securedTools: { requests: 1520, errors: 3, errorRate: 3 / 1520 },
  circuitBreakers: [
    { target: "r3f", state: "CLOSED", failureRate: 0, totalRequests: 812 },
    { target: "unity", state: "HALF_OPEN", failureRate: 0, totalRequests: 377 },
  ],
};

function ops(overrides: Record<string, unknown>): string {
  return verdict(opsStatusFindings({ ...healthyOps, ...overrides }).findings);
}

describe("/ops/status is judged by its fields", () => {
  it("is up when its fields are fine, with unknown regions and a half-open breaker ignored", () => {
    expect(ops({})).toBe("up: ");
    expect(
      ops({
        regions: [
          { id: "ap-east", status: "unknown" },
          { id: "eu-west", status: "UNKNOWN", detail: "no_health_url_configured" },
        ],
      }),
    ).toBe("up: ");
  });

  it("pages on two critical regions, 60% errors and an open breaker behind a healthy word, naming all three", () => {
    const result = opsStatusFindings({
      ...healthyOps,
      status: "healthy",
      regions: [
        { id: "eu-west", status: "critical", detail: "fetch failed" },
        { id: "us-east", status: "critical", detail: "timeout" },
        { id: "ap-east", status: "unknown" },
      ],
      securedTools: { requests: 500, errors: 300, errorRate: 0.6 },
      circuitBreakers: [{ target: "unity", state: "open", failureRate: 14, totalRequests: 377 }],
    });
    expect(worstStatus(result.findings)).toBe("down");
    const reason = verdict(result.findings);
    expect(reason).toContain("2 regions critical: eu-west (fetch failed), us-east (timeout)");
    expect(reason).toContain("secured-tool error rate 60% (300 of 500 requests failed)");
    expect(reason).toContain("circuit breaker open: unity");
    expect(result.figures).toMatchObject({ "error rate": "60.0%", replicas: 2 });
  });

  it("counts down and unhealthy regions as critical, saying which word each used", () => {
    expect(
      ops({
        regions: [
          { id: "eu-west", status: "down" },
          { id: "us-east", status: "unhealthy", detail: "503" },
        ],
      }),
    ).toBe("down: 2 regions critical: eu-west (down), us-east (unhealthy: 503)");
  });

  it("is degraded, not down, for one critical region even when the word says critical", () => {
    expect(
      ops({
        status: "critical",
        regions: [
          { id: "eu-west", status: "critical", detail: "fetch failed" },
          { id: "us-west", status: "healthy" },
        ],
      }),
    ).toBe("degraded: 1 region critical: eu-west (fetch failed)");
  });

  it("is degraded for a degraded region, a quarter of errors, an open breaker or an anomaly", () => {
    expect(ops({ regions: [{ id: "us-west", status: "degraded", detail: "slow" }] })).toBe(
      "degraded: 1 region degraded: us-west (slow)",
    );
    expect(ops({ securedTools: { requests: 400, errors: 100, errorRate: 0.25 } })).toBe(
      "degraded: secured-tool error rate 25% (100 of 400 requests failed)",
    );
    expect(ops({ securedTools: { requests: 400, errors: 200 } })).toBe(
      "down: secured-tool error rate 50% (200 of 400 requests failed)",
    );
    expect(
      ops({
        circuitBreakers: [
          { target: "unity", state: "OPEN" },
          { target: "webgpu", state: "Open" },
        ],
      }),
    ).toBe("degraded: circuit breakers open: unity, webgpu");
    expect(ops({ anomaly: { activeAnomalies: 1 } })).toBe("degraded: 1 active anomaly");
  });

  it("takes the word alone, with no field explaining it, as degraded at most", () => {
    const broken = opsStatusFindings({
      status: "critical",
      error: "Cannot read properties of undefined (reading 'getMetrics')",
    });
    expect(verdict(broken.findings)).toBe(
      "degraded: /ops/status reports critical with no field explaining it: Cannot read properties of undefined (reading 'getMetrics')",
    );
    expect(ops({ status: "degraded" })).toBe(
      "degraded: /ops/status reports degraded with no field explaining it",
    );
  });
});

function baseline(value: number, source: BaselineSource = "observed"): FigureBaselines {
  return { tools: { figure: "tools", value, source, setAt: "2026-05-21T10:00:00.000Z" } };
}

describe("the MCP tool count against its baseline", () => {
  const withTools = (tools: number) => ({ ...mcpBody, tools });

  it("stays degraded on every check while the count stays low (the baseline does not follow it down)", () => {
    const baselines = baseline(234, "deploy");
    for (let check = 0; check < 3; check += 1) {
      expect(verdict(mcpHealthFindings(withTools(12), baselines).findings)).toBe(
        "degraded: tool count 12, down from 234 (the last green deploy); stays degraded until it returns or a lead accepts the new figure",
      );
    }
    expect(baselines.tools?.value).toBe(234);
  });

  it("is not a drop at more than half the baseline", () => {
    expect(verdict(mcpHealthFindings(withTools(200), baseline(234)).findings)).toBe("up: ");
    expect(verdict(mcpHealthFindings(withTools(117), baseline(234)).findings)).toBe("up: ");
    expect(verdict(mcpHealthFindings(withTools(116), baseline(234)).findings)).toMatch(
      /^degraded: tool count 116, down from 234 \(the 24 h maximum\)/,
    );
  });

  it("never judges a baseline too small to judge by share", () => {
    expect(verdict(mcpHealthFindings(withTools(1), baseline(5)).findings)).toBe("up: ");
    expect(verdict(mcpHealthFindings(withTools(1), {}).findings)).toBe("up: ");
  });

  it("keeps zero tools degraded as its own finding, baseline or not", () => {
    expect(verdict(mcpHealthFindings(withTools(0), baseline(234)).findings)).toBe(
      "degraded: no tools are registered (tools: 0)",
    );
    expect(verdict(mcpHealthFindings(withTools(0), {}).findings)).toBe(
      "degraded: no tools are registered (tools: 0)",
    );
  });

  it("reads the richer shape's tool count against the baseline too", () => {
    const rich = {
      ...mcpRichBody,
      checks: { ...mcpRichBody.checks, tools: { status: "ok", toolCount: 12 } },
    };
    expect(verdict(mcpHealthFindings(rich, baseline(118, "accepted")).findings)).toMatch(
      /^degraded: tool count 12, down from 118 \(accepted by a lead\)/,
    );
  });
});
