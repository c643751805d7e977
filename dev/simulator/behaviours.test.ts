import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { fetchFailure, fetchJson, fetchText, fetchTls } from "@/dev/simulator/http-test-helpers";
import type { BehaviourInput, TargetKind } from "@/dev/simulator/schema";

let sim: Simulator;
let serial = 0;

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim.stop();
});

/** A fresh target per test, so counters and cold-start state never leak between tests. */
async function target(kind: TargetKind, behaviour?: BehaviourInput): Promise<string> {
  serial += 1;
  const info = await sim.addTarget({ id: `${kind}-${serial}`, kind, behaviour });
  return info.id;
}

function url(id: string, path = "/health"): string {
  return `${sim.urlOf(id)}${path}`;
}

async function health(id: string, path = "/health"): Promise<Record<string, unknown>> {
  const { status, body } = await fetchJson(url(id, path));
  expect(status).toBe(200);
  return body as Record<string, unknown>;
}

describe("transport behaviours", () => {
  it("down refuses connections, and coming back up listens on the same port", async () => {
    const id = await target("mcp");
    const port = sim.getTarget(id).port;
    await sim.setBehaviour(id, { mode: "down" });
    expect(await fetchFailure(url(id))).toBe("ECONNREFUSED");
    expect(await fetchFailure(url(id, "/ops/status"))).toBe("ECONNREFUSED");
    expect(sim.getTarget(id).up).toBe(false);
    await sim.setBehaviour(id, { mode: "healthy" });
    expect(sim.getTarget(id).port).toBe(port);
    expect((await fetchText(url(id))).status).toBe(200);
  });

  it("a target can start down on an ephemeral port", async () => {
    const id = await target("generic", { mode: "down" });
    expect(sim.getTarget(id).port).toBeGreaterThan(0);
    expect(await fetchFailure(url(id))).toBe("ECONNREFUSED");
    await sim.setBehaviour(id, { mode: "healthy" });
    expect((await fetchText(url(id))).status).toBe(200);
  });

  it("hang reads the request and never answers", async () => {
    const id = await target("mcp", { mode: "hang" });
    expect(await fetchFailure(url(id), 1_000)).toBe("TimeoutError");
    expect(sim.requestCount(id, "/health")).toBe(1);
  });

  it("stop() returns promptly with hung and slow requests still open", async () => {
    const own = await startSimulator({
      targets: [
        { id: "hung", kind: "mcp", behaviour: { mode: "hang" } },
        { id: "slow", kind: "mcp", behaviour: { mode: "slow", delayMs: 60_000 } },
      ],
    });
    const pending = [
      fetchFailure(`${own.urlOf("hung")}/health`, 30_000),
      fetchFailure(`${own.urlOf("slow")}/ops/status`, 30_000),
    ];
    while (own.requestStats("hung").inFlight + own.requestStats("slow").inFlight < 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const started = performance.now();
    await own.stop();
    const stoppedMs = performance.now() - started;
    expect(await Promise.all(pending)).toEqual(["UND_ERR_SOCKET", "UND_ERR_SOCKET"]);
    expect(stoppedMs).toBeLessThan(2_000);
  });

  it("slow answers normally after at least delayMs, on every route", async () => {
    const id = await target("mcp", { mode: "slow", delayMs: 300 });
    const [healthAnswer, opsAnswer] = await Promise.all([
      fetchText(url(id)),
      fetchText(url(id, "/ops/status")),
    ]);
    for (const answer of [healthAnswer, opsAnswer]) {
      expect(answer.status).toBe(200);
      expect(answer.elapsedMs).toBeGreaterThanOrEqual(295);
      expect(() => JSON.parse(answer.text)).not.toThrow();
    }
  });

  it("http-502-html answers an edge proxy's HTML page on every route", async () => {
    const id = await target("mcp", { mode: "http-502-html" });
    for (const path of ["/health", "/ops/status", "/metrics"]) {
      const { status, contentType, text } = await fetchText(url(id, path));
      expect(status).toBe(502);
      expect(contentType).toMatch(/^text\/html/);
      expect(text).toContain("<title>502 Bad Gateway</title>");
    }
  });

  it("http-500-json answers a JSON error; /ops/status in its own critical shape", async () => {
    const id = await target("mcp", { mode: "http-500-json" });
    const healthAnswer = await fetchJson(url(id));
    expect(healthAnswer.status).toBe(500);
    expect(healthAnswer.contentType).toBe("application/json; charset=utf-8");
    expect(healthAnswer.body).toEqual({ error: "Internal Server Error" });
    const ops = await fetchJson(url(id, "/ops/status"));
    expect(ops.status).toBe(500);
    expect(ops.body).toMatchObject({ status: "critical", error: expect.any(String) });
  });

  it("nul-version answers a healthy JSON body whose version holds a NUL escape", async () => {
    const id = await target("generic", { mode: "nul-version" });
    const { status, text } = await fetchText(url(id));
    expect(status).toBe(200);
    expect(text).toBe('{"status":"healthy","version":"1.0\\u0000"}');
  });

  it("binary-500 answers 500 with raw gzip bytes and invalid UTF-8 as its body, on every route", async () => {
    const id = await target("mcp", { mode: "binary-500" });
    for (const path of ["/health", "/ops/status"]) {
      const response = await fetch(url(id, path));
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(response.status).toBe(500);
      expect(bytes.subarray(0, 5)).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]));
      expect(bytes.includes(Buffer.from([0x1f, 0x8b]))).toBe(true);
    }
  });

  it("huge-values answers a valid JSON body with a huge version, a NUL in a key and an out-of-range number", async () => {
    const id = await target("generic", { mode: "huge-values", chars: 5_000 });
    const body = await health(id);
    expect(body.version).toBe("v".repeat(5_000));
    expect(body["queue\u0000\uD800"]).toBe(1e308);
  });

  it("flapping alternates healthy and 502 on every /health request", async () => {
    const id = await target("absorb", { mode: "flapping" });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await fetchText(url(id))).status);
    expect(statuses).toEqual([200, 502, 200, 502]);
  });

  it("malformed-json answers 200 application/json that does not parse", async () => {
    const id = await target("mcp", { mode: "malformed-json" });
    for (const path of ["/health", "/ops/status"]) {
      const { status, contentType, text } = await fetchText(url(id, path));
      expect(status).toBe(200);
      expect(contentType).toBe("application/json; charset=utf-8");
      expect(text.length).toBeGreaterThan(10);
      expect(() => JSON.parse(text)).toThrow();
    }
  });

  it("oversized streams a body far beyond 1 MiB, and lets a reader stop early", async () => {
    const id = await target("mcp", { mode: "oversized" });
    const response = await fetch(url(id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    let received = 0;
    while (received <= 1024 * 1024) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
    }
    await reader.cancel();
    expect(received).toBeGreaterThan(1024 * 1024);
    for (let attempt = 0; attempt < 100 && sim.requestStats(id).inFlight > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sim.requestStats(id).inFlight).toBe(0);
    expect((await fetchText(url(id, "/nope"))).status).toBe(404);
  });

  it("oversized sends exactly the bytes asked for, as valid JSON", async () => {
    const id = await target("generic", { mode: "oversized", bytes: 2 * 1024 * 1024 });
    const { status, text } = await fetchText(url(id));
    expect(status).toBe(200);
    expect(Buffer.byteLength(text)).toBe(2 * 1024 * 1024);
    expect(JSON.parse(text)).toMatchObject({ status: "healthy" });
  });

  it("cold-start: the first request waits, later ones are fast, and idleness makes it cold again", async () => {
    const id = await target("mcp", { mode: "cold-start", delayMs: 300, idleMs: 400 });
    const [first, concurrent] = await Promise.all([
      fetchText(url(id)),
      fetchText(url(id, "/api/health")),
    ]);
    expect(first.status).toBe(200);
    expect(first.elapsedMs).toBeGreaterThanOrEqual(295);
    expect(concurrent.elapsedMs).toBeGreaterThanOrEqual(250);
    const warm = await fetchText(url(id));
    expect(warm.status).toBe(200);
    expect(warm.elapsedMs).toBeLessThan(first.elapsedMs / 2);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await fetchText(url(id))).elapsedMs).toBeGreaterThanOrEqual(295);
  });

  it("setting cold-start on a warm target makes its next request cold", async () => {
    const id = await target("generic");
    await fetchText(url(id));
    await sim.setBehaviour(id, { mode: "cold-start", delayMs: 200 });
    expect((await fetchText(url(id))).elapsedMs).toBeGreaterThanOrEqual(195);
  });
});

describe("field behaviours", () => {
  it("mcp degraded variants change only their field", async () => {
    const memory = await health(
      await target("mcp", { mode: "degraded", variant: "team-store-memory" }),
    );
    expect(memory).toMatchObject({
      status: "healthy",
      tools: 234,
      storage: { teamStore: "memory" },
    });
    const zero = await health(await target("mcp", { mode: "degraded", variant: "tools-zero" }));
    expect(zero).toMatchObject({ tools: 0, storage: { teamStore: "postgres" } });
    const keepAlive = await health(
      await target("mcp", { mode: "degraded", variant: "keepalive-failing" }),
    );
    expect(keepAlive).toMatchObject({
      tools: 234,
      keepAlive: { enabled: true, lastPingStatus: "error" },
    });
  });

  it("mcp degraded variants leave /ops/status healthy", async () => {
    const id = await target("mcp", { mode: "degraded", variant: "team-store-memory" });
    expect(await health(id, "/ops/status")).toMatchObject({ status: "healthy" });
    expect(await health(id, "/api/health")).toMatchObject({ storage: { teamStore: "memory" } });
  });

  it("tools-drop makes the tool count fall sharply", async () => {
    const id = await target("mcp");
    expect(await health(id)).toMatchObject({ tools: 234 });
    await sim.setBehaviour(id, { mode: "tools-drop" });
    expect(await health(id)).toMatchObject({ tools: 12 });
  });

  it("absorb database-degraded and moltbook-timeout, still 200 with status ok", async () => {
    const database = await health(
      await target("absorb", { mode: "degraded", variant: "database-degraded" }),
    );
    expect(database).toMatchObject({
      status: "ok",
      database: "degraded",
      moltbookActiveAgents: null,
    });
    const diagnostics = database.diagnostics as { likely502Cause: string; dbLayer: string };
    expect(diagnostics.likely502Cause).toMatch(/Postgres/);
    expect(diagnostics.dbLayer).toMatch(/probe failed/);
    const moltbook = await health(
      await target("absorb", { mode: "degraded", variant: "moltbook-timeout" }),
    );
    expect(moltbook).toMatchObject({
      status: "ok",
      database: "connected",
      moltbookAgentCountProbe: "timeout",
      moltbookActiveAgents: null,
    });
  });

  it("studio-degraded reports degraded and its task board's fallback", async () => {
    const body = await health(
      await target("studio", { mode: "degraded", variant: "studio-degraded" }),
      "/api/health",
    );
    expect(body).toMatchObject({
      degraded: true,
      taskBoard: { mode: "in-memory", degraded: true },
    });
  });

  it("ops-critical and ops-degraded change only /ops/status", async () => {
    const critical = await target("mcp", { mode: "ops-critical" });
    const criticalOps = await health(critical, "/ops/status");
    expect(criticalOps.status).toBe("critical");
    expect(criticalOps.regions).toContainEqual(expect.objectContaining({ status: "critical" }));
    expect((criticalOps.securedTools as { errorRate: number }).errorRate).toBeGreaterThanOrEqual(
      0.5,
    );
    expect(await health(critical)).toMatchObject({ status: "healthy", tools: 234 });

    const degradedOps = await health(await target("mcp", { mode: "ops-degraded" }), "/ops/status");
    expect(degradedOps.status).toBe("degraded");
    expect(
      (degradedOps.anomaly as { activeAnomalies: number }).activeAnomalies,
    ).toBeGreaterThanOrEqual(1);
    expect(degradedOps.circuitBreakers).toContainEqual(expect.objectContaining({ state: "OPEN" }));
  });

  it("rich-health serves the runbook's shape with the chosen status", async () => {
    const id = await target("mcp", { mode: "rich-health" });
    const body = await health(id);
    expect(Object.keys(body).sort()).toEqual([
      "checks",
      "status",
      "timestamp",
      "uptime",
      "version",
    ]);
    expect(body).toMatchObject({
      status: "healthy",
      checks: {
        registry: { status: "ok" },
        telemetry: { status: "ok" },
        tools: { status: "ok", toolCount: 234 },
      },
    });
    await sim.setBehaviour(id, { mode: "rich-health", status: "unhealthy" });
    expect(await health(id)).toMatchObject({
      status: "unhealthy",
      checks: { tools: { toolCount: 0 } },
    });
    await sim.setBehaviour(id, { mode: "rich-health", status: "degraded" });
    expect(await health(id)).toMatchObject({ status: "degraded" });
  });

  it("/metrics counts 5xx answers and shows slow latencies in p95", async () => {
    const id = await target("mcp", { mode: "slow", delayMs: 150 });
    await Promise.all([fetchText(url(id)), fetchText(url(id))]);
    await sim.setBehaviour(id, { mode: "http-500-json" });
    await fetchText(url(id));
    await sim.setBehaviour(id, { mode: "healthy" });
    const { text } = await fetchText(url(id, "/metrics"));
    expect(text).toMatch(/^holoscript_http_requests_total 3$/m);
    expect(text).toMatch(/^holoscript_http_errors_total 1$/m);
    const p95 = Number(
      /^holoscript_http_request_duration_seconds\{quantile="0\.95"\} ([\d.]+)$/m.exec(text)?.[1],
    );
    expect(p95).toBeGreaterThanOrEqual(0.14);
  });

  it("rejects behaviours that do not fit the kind", async () => {
    const absorb = await target("absorb");
    await expect(
      sim.setBehaviour(absorb, { mode: "degraded", variant: "tools-zero" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: { variant: [expect.stringContaining("database-degraded")] },
    });
    await expect(sim.setBehaviour(absorb, { mode: "ops-critical" })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(
      sim.addTarget({ id: "bad-generic", kind: "generic", behaviour: { mode: "rich-health" } }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: { "behaviour.mode": [expect.any(String)] },
    });
    expect(sim.getTarget(absorb).behaviour).toEqual({ mode: "healthy" });
  });
});

/** The same GET, `times` times in a row, each on its own answer: what a poller sees over several checks. */
async function repeatedly(
  id: string,
  path: string,
  times: number,
): Promise<Record<string, unknown>[]> {
  const bodies: Record<string, unknown>[] = [];
  for (let index = 0; index < times; index += 1) bodies.push(await health(id, path));
  return bodies;
}

async function post(
  id: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url(id, path), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("identity: answers-as", () => {
  it("an mcp target answers /health and /api/health as Absorb, and has no /ops/status", async () => {
    const id = await target("mcp", { mode: "answers-as", kind: "absorb" });
    for (const path of ["/health", "/api/health"]) {
      const body = await health(id, path);
      expect(body).toMatchObject({
        status: "ok",
        service: "absorb-service",
        database: "connected",
        moltbookAgentCountProbe: "ok",
      });
      expect(body).not.toHaveProperty("tools");
    }
    expect((await fetchText(url(id, "/ops/status"))).status).toBe(404);
    expect((await fetchText(url(id, "/metrics"))).status).toBe(404);
  });

  it("a studio target answers /api/health with the MCP server's body and serves its /ops/status", async () => {
    const id = await target("studio", { mode: "answers-as", kind: "mcp" });
    expect(await health(id, "/api/health")).toMatchObject({
      status: "healthy",
      service: "holoscript-mcp",
      tools: 234,
    });
    expect(await health(id, "/ops/status")).toMatchObject({ status: "healthy" });
  });

  it("answers as the other kind on every request until changed", async () => {
    const id = await target("absorb", { mode: "answers-as", kind: "studio" });
    for (const body of await repeatedly(id, "/health", 10))
      expect(body).toMatchObject({ degraded: false, taskBoard: { mode: "db-backed" } });
    for (const body of await repeatedly(id, "/health", 10))
      expect(body).not.toHaveProperty("service");
    await sim.setBehaviour(id, { mode: "answers-as", kind: "orchestrator" });
    expect(await health(id)).toMatchObject({ version: "0.9.4", knowledge_entries: 1873 });
    await sim.setBehaviour(id, { mode: "healthy" });
    expect(await health(id)).toMatchObject({ service: "absorb-service" });
  });

  it("refuses to answer as its own kind", async () => {
    const id = await target("mcp");
    await expect(sim.setBehaviour(id, { mode: "answers-as", kind: "mcp" })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { kind: [expect.stringContaining("mcp")] },
    });
  });
});

describe("ops-regions: critical regions behind a healthy word", () => {
  it("serves the given regions, error rate and open breakers under status healthy, on every request", async () => {
    const id = await target("mcp", {
      mode: "ops-regions",
      regions: [
        { id: "us-west", status: "critical", detail: "fetch failed" },
        { id: "eu-west", status: "critical" },
        { id: "ap-east", status: "healthy" },
      ],
      errorRate: 0.6,
      openBreakers: ["unity", "export-api"],
    });
    for (const ops of await repeatedly(id, "/ops/status", 8)) {
      expect(ops.status).toBe("healthy");
      expect(ops.regions).toEqual([
        { id: "us-west", status: "critical", detail: "fetch failed" },
        { id: "eu-west", status: "critical" },
        { id: "ap-east", status: "healthy" },
      ]);
      expect(ops.securedTools).toEqual({ requests: 10_000, errors: 6_000, errorRate: 0.6 });
      const breakers = ops.circuitBreakers as { target: string; state: string }[];
      expect(breakers.map((breaker) => `${breaker.target}:${breaker.state}`)).toEqual([
        "r3f:CLOSED",
        "unity:OPEN",
        "webgpu:CLOSED",
        "export-api:OPEN",
      ]);
    }
    expect(await health(id)).toMatchObject({ status: "healthy", tools: 234 });
  });

  it("keeps the usual error figures and breakers when only regions are given, and can say another word", async () => {
    const id = await target("mcp", {
      mode: "ops-regions",
      regions: [{ id: "eu-west", status: "critical" }],
      status: "critical",
    });
    const ops = await health(id, "/ops/status");
    expect(ops).toMatchObject({
      status: "critical",
      regions: [{ id: "eu-west", status: "critical" }],
      securedTools: { requests: 1520, errors: 3 },
    });
    expect(
      (ops.circuitBreakers as { state: string }[]).every((breaker) => breaker.state === "CLOSED"),
    ).toBe(true);
  });

  it("is for mcp targets only", async () => {
    await expect(
      sim.setBehaviour(await target("absorb"), {
        mode: "ops-regions",
        regions: [{ id: "x", status: "critical" }],
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: { mode: [expect.any(String)] },
    });
  });
});

describe("sustained answers: nothing recovers by itself", () => {
  it("tools-drop answers the dropped count on every request and every route until changed", async () => {
    const id = await target("mcp", { mode: "tools-drop", tools: 9 });
    for (let round = 0; round < 10; round += 1) {
      expect(await health(id)).toMatchObject({ tools: 9 });
      expect(await health(id, "/api/health")).toMatchObject({ tools: 9 });
      expect((await fetchText(url(id, "/metrics"))).text).toMatch(/^holoscript_mcp_tools 9$/m);
    }
    await sim.setBehaviour(id, { mode: "healthy" });
    expect(await health(id)).toMatchObject({ tools: 234 });
  });

  it("every degraded variant answers degraded on every request until changed", async () => {
    const cases: [TargetKind, BehaviourInput, string, Record<string, unknown>][] = [
      [
        "mcp",
        { mode: "degraded", variant: "team-store-memory" },
        "/health",
        { storage: { teamStore: "memory" } },
      ],
      ["mcp", { mode: "degraded", variant: "tools-zero" }, "/health", { tools: 0 }],
      [
        "mcp",
        { mode: "degraded", variant: "keepalive-failing" },
        "/health",
        { keepAlive: { lastPingStatus: "error" } },
      ],
      [
        "absorb",
        { mode: "degraded", variant: "database-degraded" },
        "/health",
        { database: "degraded" },
      ],
      [
        "absorb",
        { mode: "degraded", variant: "moltbook-timeout" },
        "/health",
        { moltbookAgentCountProbe: "timeout" },
      ],
      [
        "studio",
        { mode: "degraded", variant: "studio-degraded" },
        "/api/health",
        { degraded: true },
      ],
    ];
    for (const [kind, behaviour, path, expected] of cases) {
      const id = await target(kind, behaviour);
      const bodies = await repeatedly(id, path, 12);
      for (const body of bodies) expect(body, JSON.stringify(behaviour)).toMatchObject(expected);
    }
  });

  it("the MCP server's compile route answers 200, and 404 on every request under compile-404 while /health stays healthy", async () => {
    const id = await target("mcp");
    const sample = { code: "composition Demo { object Cube {} }", target: "r3f" };
    expect(await post(id, "/api/compile", sample)).toMatchObject({
      status: 200,
      body: { success: true },
    });
    await sim.setBehaviour(id, { mode: "compile-404" });
    for (let round = 0; round < 10; round += 1) {
      expect(await post(id, "/api/compile", sample)).toEqual({
        status: 404,
        body: { error: "Not Found" },
      });
      expect(await health(id)).toMatchObject({ status: "healthy", tools: 234 });
    }
    expect(await health(id, "/ops/status")).toMatchObject({ status: "healthy" });
    await sim.setBehaviour(id, { mode: "healthy" });
    expect((await post(id, "/api/compile", sample)).status).toBe(200);
  });

  it("a sample path a target does not serve answers 404 JSON on every request, whatever the kind", async () => {
    for (const kind of ["absorb", "studio", "orchestrator", "generic"] as const) {
      const id = await target(kind);
      for (let round = 0; round < 5; round += 1) {
        expect(await post(id, "/api/compile", {}), kind).toEqual({
          status: 404,
          body: { error: "Not Found" },
        });
      }
    }
    await expect(
      sim.setBehaviour(await target("absorb"), { mode: "compile-404" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("https targets", () => {
  const day = 24 * 60 * 60 * 1000;

  it("serves HTTPS on 127.0.0.1, ::1 and localhost with a certificate that expires when asked", async () => {
    serial += 1;
    const before = Date.now();
    const info = await sim.addTarget({
      id: `tls-${serial}`,
      kind: "mcp",
      tls: { expiresInDays: 2 },
    });
    expect(info.url).toBe(`https://127.0.0.1:${info.port}`);
    const { certificate, notAfter } = sim.certificateOf(info.id);
    expect(info.tls).toEqual({ notAfter });
    expect(Date.parse(notAfter)).toBeGreaterThanOrEqual(
      Math.floor((before + 2 * day) / 1000) * 1000,
    );
    expect(Date.parse(notAfter)).toBeLessThanOrEqual(Date.now() + 2 * day);
    // ::1 is reached by the name localhost: Node 22.23 cannot verify any https URL with an IPv6 literal (nodejs/node#64144).
    for (const [host, address] of [
      ["127.0.0.1", "127.0.0.1"],
      ["localhost", "127.0.0.1"],
      ["localhost", "::1"],
    ] as const) {
      const answer = await fetchTls(`https://${host}:${info.port}/health`, certificate, {
        connectTo: address,
      });
      if ("error" in answer) throw new Error(`${host} over ${address}: ${answer.error}`);
      expect(answer.remoteAddress).toBe(address);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ service: "holoscript-mcp" });
      expect(answer.validTo.toISOString()).toBe(notAfter);
    }
    expect(new X509Certificate(certificate).checkIP("::1")).toBe("::1");
    expect(await fetchFailure(`http://127.0.0.1:${info.port}/health`)).not.toBe("answered");
  });

  it("an untrusting client is refused without upsetting the target; behaviours apply over HTTPS", async () => {
    serial += 1;
    const info = await sim.addTarget({
      id: `tls-${serial}`,
      kind: "absorb",
      tls: {},
      behaviour: { mode: "degraded", variant: "database-degraded" },
    });
    const { certificate, notAfter } = sim.certificateOf(info.id);
    expect(Date.parse(notAfter) - Date.now()).toBeGreaterThan(89 * day);
    expect(await fetchTls(`${info.url}/health`, undefined)).toEqual({
      error: "DEPTH_ZERO_SELF_SIGNED_CERT",
    });
    const degraded = await fetchTls(`${info.url}/health`, certificate);
    expect("text" in degraded && JSON.parse(degraded.text)).toMatchObject({ database: "degraded" });
    await sim.setBehaviour(info.id, { mode: "down" });
    expect(await fetchTls(`${info.url}/health`, certificate)).toEqual({ error: "ECONNREFUSED" });
    await sim.setBehaviour(info.id, { mode: "http-502-html" });
    expect(await fetchTls(`${info.url}/health`, certificate)).toMatchObject({ status: 502 });
  });

  it("an expired certificate (negative days, or a past notAfter) is refused as expired", async () => {
    for (const tls of [
      { expiresInDays: -1 },
      { notAfter: new Date(Date.now() - 3_600_000).toISOString() },
    ]) {
      serial += 1;
      const info = await sim.addTarget({ id: `tls-${serial}`, kind: "generic", tls });
      expect(await fetchTls(`${info.url}/health`, sim.certificateOf(info.id).certificate)).toEqual({
        error: "CERT_HAS_EXPIRED",
      });
    }
  });

  it("serves a replaced certificate from the next connection on", async () => {
    serial += 1;
    const notAfter = "2031-02-03T04:05:06.000Z";
    const info = await sim.addTarget({ id: `tls-${serial}`, kind: "generic", tls: { notAfter } });
    expect(sim.certificateOf(info.id).notAfter).toBe(notAfter);
    const old = sim.certificateOf(info.id).certificate;
    const renewed = sim.replaceCertificate(info.id, { expiresInDays: 30 });
    expect(sim.getTarget(info.id).tls).toEqual({ notAfter: renewed.notAfter });
    const answer = await fetchTls(`${info.url}/health`, renewed.certificate);
    expect("validTo" in answer && answer.validTo.toISOString()).toBe(renewed.notAfter);
    expect(await fetchTls(`${info.url}/health`, old)).toMatchObject({ error: expect.any(String) });
  });

  it("has no certificate for a plain target, and refuses a tls spec that names two expiries", async () => {
    const plain = await target("generic");
    expect(sim.getTarget(plain)).toMatchObject({
      tls: null,
      url: expect.stringMatching(/^http:\/\//),
    });
    expect(() => sim.certificateOf(plain)).toThrow(expect.objectContaining({ code: "not_found" }));
    await expect(
      sim.addTarget({
        id: "tls-both",
        kind: "generic",
        tls: { expiresInDays: 2, notAfter: new Date().toISOString() },
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: { "tls.notAfter": [expect.any(String)] },
    });
  });
});
