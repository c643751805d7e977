import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultFleet, startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { fetchJson, fetchText } from "@/dev/simulator/http-test-helpers";

const json = "application/json; charset=utf-8";
const isoTimestamp = z.iso.datetime();

// The shapes of holoscript-contract.md, strict: a missing or an extra field fails.
const mcpHealthSchema = z.strictObject({
  status: z.literal("healthy"),
  service: z.literal("holoscript-mcp"),
  version: z.literal("6.1.0"),
  uptime: z.number().nonnegative(),
  sessions: z.number().int(),
  tools: z.literal(234),
  storage: z.strictObject({ teamStore: z.literal("postgres"), databaseUrl: z.literal(true) }),
  sse: z.strictObject({
    railway: z.boolean(),
    mcpClassicSse: z.boolean(),
    mcpStreamableHttp: z.boolean(),
  }),
  security: z.strictObject({
    oauth21: z.boolean(),
    auditLogging: z.boolean(),
    registeredClients: z.number().int(),
    activeTokens: z.number().int(),
  }),
  keepAlive: z.strictObject({
    enabled: z.literal(true),
    intervalMs: z.literal(270_000),
    lastPingStatus: z.literal("ok"),
    lastPingAt: isoTimestamp,
  }),
});

const opsStatusSchema = z.strictObject({
  status: z.enum(["healthy", "degraded", "critical"]),
  timestamp: isoTimestamp,
  uptimeSeconds: z.number().nonnegative(),
  replicaCount: z.number().int().positive(),
  regions: z
    .array(z.strictObject({ id: z.string(), status: z.string(), detail: z.string().optional() }))
    .min(1),
  anomaly: z.strictObject({ activeAnomalies: z.number().int().nonnegative() }),
  securedTools: z.strictObject({
    requests: z.number().int(),
    errors: z.number().int(),
    errorRate: z.number().min(0).max(1),
  }),
  circuitBreakers: z.array(
    z.strictObject({
      target: z.string(),
      state: z.string(),
      failureRate: z.number(),
      totalRequests: z.number().int(),
    }),
  ),
});

const absorbHealthSchema = z.strictObject({
  status: z.literal("ok"),
  service: z.literal("absorb-service"),
  version: z.string(),
  uptime: z.number().nonnegative(),
  database: z.literal("connected"),
  moltbookAgentCountProbe: z.literal("ok"),
  moltbookActiveAgents: z.number().int(),
  mcpSessions: z.number().int(),
  diagnostics: z.strictObject({ likely502Cause: z.string().min(1), dbLayer: z.string().min(1) }),
  timestamp: isoTimestamp,
});

const studioHealthSchema = z.strictObject({
  degraded: z.literal(false),
  ai: z.strictObject({ provider: z.literal("openrouter"), connected: z.literal(true) }),
  taskBoard: z.strictObject({ mode: z.literal("db-backed"), degraded: z.literal(false) }),
  teamActivity: z.record(z.string(), z.number()),
});

const orchestratorHealthSchema = z.strictObject({
  uptime: z.number().nonnegative(),
  version: z.string(),
  knowledge_entries: z.number().int(),
});

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    targets: [
      ...defaultFleet().map((spec) => ({ ...spec, port: 0 })),
      { id: "plain", kind: "generic" },
    ],
  });
});

afterAll(async () => {
  await sim.stop();
});

describe("healthy shapes match the contract", () => {
  it("mcp /health and /api/health", async () => {
    for (const path of ["/health", "/api/health"]) {
      const { status, contentType, body } = await fetchJson(`${sim.urlOf("mcp")}${path}`);
      expect(status).toBe(200);
      expect(contentType).toBe(json);
      expect(mcpHealthSchema.parse(body)).toBeTruthy();
    }
  });

  it("mcp uptime is a float that grows", async () => {
    const first = mcpHealthSchema.parse((await fetchJson(`${sim.urlOf("mcp")}/health`)).body);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = mcpHealthSchema.parse((await fetchJson(`${sim.urlOf("mcp")}/health`)).body);
    expect(second.uptime).toBeGreaterThan(first.uptime);
    expect(Number.isInteger(second.uptime)).toBe(false);
  });

  it("mcp /ops/status is healthy, with the contract's fields", async () => {
    const { status, contentType, body } = await fetchJson(`${sim.urlOf("mcp")}/ops/status`);
    expect(status).toBe(200);
    expect(contentType).toBe(json);
    const ops = opsStatusSchema.parse(body);
    expect(ops.status).toBe("healthy");
    expect(ops.anomaly.activeAnomalies).toBe(0);
    expect(ops.securedTools.errorRate).toBeLessThan(0.25);
    expect(
      ops.regions.some((region) => region.status === "critical" || region.status === "degraded"),
    ).toBe(false);
  });

  it("mcp /metrics and /ops/metrics speak Prometheus text with totals and p50/p95", async () => {
    for (const path of ["/metrics", "/ops/metrics"]) {
      const { status, contentType, text } = await fetchText(`${sim.urlOf("mcp")}${path}`);
      expect(status).toBe(200);
      expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(text).toMatch(/^holoscript_http_requests_total \d+$/m);
      expect(text).toMatch(/^holoscript_http_errors_total \d+$/m);
      expect(text).toMatch(/^holoscript_http_request_duration_seconds\{quantile="0\.5"\} [\d.]+$/m);
      expect(text).toMatch(
        /^holoscript_http_request_duration_seconds\{quantile="0\.95"\} [\d.]+$/m,
      );
      expect(text).toContain("# TYPE holoscript_http_request_duration_seconds summary");
    }
  });

  it("absorb /health", async () => {
    const { status, contentType, body } = await fetchJson(`${sim.urlOf("absorb")}/health`);
    expect(status).toBe(200);
    expect(contentType).toBe(json);
    expect(absorbHealthSchema.parse(body)).toBeTruthy();
  });

  it("studio /api/health has no status, version or uptime", async () => {
    const { status, contentType, body } = await fetchJson(`${sim.urlOf("studio")}/api/health`);
    expect(status).toBe(200);
    expect(contentType).toBe(json);
    expect(studioHealthSchema.parse(body)).toBeTruthy();
  });

  it("orchestrator /health", async () => {
    const { status, body } = await fetchJson(`${sim.urlOf("orchestrator")}/health`);
    expect(status).toBe(200);
    expect(orchestratorHealthSchema.parse(body)).toBeTruthy();
  });

  it("generic /health", async () => {
    const { status, contentType, body } = await fetchJson(`${sim.urlOf("plain")}/health`);
    expect(status).toBe(200);
    expect(contentType).toBe(json);
    expect(body).toEqual({ status: "ok" });
  });

  it("any other path or method is a JSON 404", async () => {
    for (const url of [
      `${sim.urlOf("mcp")}/nope`,
      `${sim.urlOf("studio")}/health`,
      `${sim.urlOf("absorb")}/ops/status`,
    ]) {
      const { status, contentType, body } = await fetchJson(url);
      expect(status).toBe(404);
      expect(contentType).toBe(json);
      expect(body).toEqual({ error: "Not Found" });
    }
    const post = await fetch(`${sim.urlOf("mcp")}/health`, { method: "POST" });
    expect(post.status).toBe(404);
    expect(await post.json()).toEqual({ error: "Not Found" });
  });

  it("HEAD answers the headers without a body", async () => {
    const response = await fetch(`${sim.urlOf("mcp")}/health`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("content-length"))).toBeGreaterThan(0);
    expect(await response.text()).toBe("");
  });
});

describe("fleet management", () => {
  it("counts requests per target and per path, ignoring the query string", async () => {
    await sim.addTarget({ id: "counted", kind: "generic" });
    await fetchText(`${sim.urlOf("counted")}/health?probe=1`);
    await fetchText(`${sim.urlOf("counted")}/health`);
    await fetchText(`${sim.urlOf("counted")}/other`);
    expect(sim.requestCount("counted")).toBe(3);
    expect(sim.requestCount("counted", "/health")).toBe(2);
    expect(sim.requestStats("counted")).toEqual({
      count: 3,
      inFlight: 0,
      byPath: { "/health": 2, "/other": 1 },
    });
  });

  it("reports each request's arrival to onRequest listeners", async () => {
    const seen: string[] = [];
    const unsubscribe = sim.onRequest((event) =>
      seen.push(`${event.id} ${event.method} ${event.path}`),
    );
    await fetchText(`${sim.urlOf("plain")}/health`);
    unsubscribe();
    await fetchText(`${sim.urlOf("plain")}/health`);
    expect(seen).toEqual(["plain GET /health"]);
  });

  it("lists targets with their URL, state and behaviour", () => {
    const mcp = sim.listTargets().find((target) => target.id === "mcp");
    expect(mcp).toMatchObject({
      kind: "mcp",
      up: true,
      behaviour: { mode: "healthy" },
      url: sim.urlOf("mcp"),
    });
  });

  it("rejects a duplicate id, an unknown id and a taken port", async () => {
    await expect(sim.addTarget({ id: "mcp", kind: "mcp" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(() => sim.urlOf("missing")).toThrow(/was not found/);
    await expect(sim.setBehaviour("missing", { mode: "down" })).rejects.toMatchObject({
      code: "not_found",
    });
    const port = Number(new URL(sim.urlOf("mcp")).port);
    await expect(sim.addTarget({ id: "clash", kind: "generic", port })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(sim.listTargets().some((target) => target.id === "clash")).toBe(false);
  });

  it("removes a target and frees its port", async () => {
    const info = await sim.addTarget({ id: "temporary", kind: "generic" });
    await sim.removeTarget("temporary");
    expect(sim.listTargets().some((target) => target.id === "temporary")).toBe(false);
    const again = await sim.addTarget({ id: "temporary-again", kind: "generic", port: info.port });
    expect((await fetchText(`${again.url}/health`)).status).toBe(200);
  });

  it("starts 500 targets, answers each, and stops", async () => {
    const many = await startSimulator({
      targets: Array.from({ length: 500 }, (_, index) => ({
        id: `t${index}`,
        kind: "generic" as const,
      })),
    });
    try {
      const statuses = await Promise.all(
        many.listTargets().map(async (target) => (await fetchText(`${target.url}/health`)).status),
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(500);
    } finally {
      await many.stop();
    }
  });
});
