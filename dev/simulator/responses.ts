import { gzipSync } from "node:zlib";
import type { Behaviour, TargetKind } from "@/dev/simulator/schema";

export type RouteName = "health" | "ops-status" | "metrics" | "compile";

/** The GET (and HEAD) routes of each kind. */
export const routesByKind: Record<TargetKind, Readonly<Record<string, RouteName>>> = {
  mcp: {
    "/health": "health",
    "/api/health": "health",
    "/ops/status": "ops-status",
    "/metrics": "metrics",
    "/ops/metrics": "metrics",
  },
  absorb: { "/health": "health" },
  studio: { "/api/health": "health" },
  orchestrator: { "/health": "health" },
  generic: { "/health": "health" },
};

/** The MCP server's sample compile route, for the runbook's "sample compile or parse route" check. */
export const compilePath = "/api/compile";
const compileMethods: readonly string[] = ["POST", "GET", "HEAD"];

function lookupRoute(kind: TargetKind, method: string, path: string): RouteName | undefined {
  if (kind === "mcp" && path === compilePath && compileMethods.includes(method)) return "compile";
  if (method !== "GET" && method !== "HEAD") return undefined;
  return Object.hasOwn(routesByKind[kind], path) ? routesByKind[kind][path] : undefined;
}

/**
 * Which route a request reaches, or undefined for a 404. A target that answers as another kind serves that kind's
 * routes, and its own health paths too (they are where a monitor configured for it will look).
 */
export function routeFor(
  kind: TargetKind,
  behaviour: Behaviour,
  method: string,
  path: string,
): RouteName | undefined {
  if (behaviour.mode !== "answers-as") return lookupRoute(kind, method, path);
  const own = lookupRoute(kind, method, path);
  return own === "health" ? "health" : lookupRoute(behaviour.kind, method, path);
}

export type LatencySummary = {
  p50: number;
  p95: number;
  p99: number;
  sumSeconds: number;
  count: number;
};

export type ResponseContext = {
  kind: TargetKind;
  /** The behaviour to answer with; flapping, slow, hang and cold-start are resolved by the caller. */
  behaviour: Behaviour;
  route: RouteName | undefined;
  now: number;
  uptimeSeconds: number;
  stats: { errors: number; latency: LatencySummary };
};

export type SimulatedResponse =
  | { status: number; contentType: string; body: string; headers?: Record<string, string> }
  | { status: number; contentType: string; bytes: Buffer }
  | { status: 200; contentType: string; streamBytes: number };

export const jsonContentType = "application/json; charset=utf-8";
export const prometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

export const mcpVersion = "6.1.0";
export const mcpToolCount = 234;
export const absorbVersion = "1.4.2";
export const orchestratorVersion = "0.9.4";
const keepAliveIntervalMs = 270_000;

const badGatewayHtml = [
  "<html>",
  "<head><title>502 Bad Gateway</title></head>",
  "<body>",
  "<center><h1>502 Bad Gateway</h1></center>",
  "<hr><center>cloudflare</center>",
  "</body>",
  "</html>",
  "",
].join("\r\n");

export const oversizedPrefix = '{"status":"healthy","padding":"';
export const oversizedSuffix = '"}';

function json(status: number, data: unknown): SimulatedResponse {
  return { status, contentType: jsonContentType, body: JSON.stringify(data) };
}

function isoAt(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function mcpHealthBody(context: ResponseContext): Record<string, unknown> {
  const { behaviour, now, uptimeSeconds } = context;
  const variant = behaviour.mode === "degraded" ? behaviour.variant : undefined;
  const startedAt = now - uptimeSeconds * 1000;
  const lastPingAt = now - ((now - startedAt) % keepAliveIntervalMs);
  let tools = mcpToolCount;
  if (variant === "tools-zero") tools = 0;
  if (behaviour.mode === "tools-drop") tools = behaviour.tools;
  return {
    status: "healthy",
    service: "holoscript-mcp",
    version: mcpVersion,
    uptime: uptimeSeconds,
    sessions: 3,
    tools,
    storage: {
      teamStore: variant === "team-store-memory" ? "memory" : "postgres",
      databaseUrl: true,
    },
    sse: { railway: true, mcpClassicSse: false, mcpStreamableHttp: true },
    security: { oauth21: true, auditLogging: true, registeredClients: 12, activeTokens: 4 },
    keepAlive: {
      enabled: true,
      intervalMs: keepAliveIntervalMs,
      lastPingStatus: variant === "keepalive-failing" ? "error" : "ok",
      lastPingAt: isoAt(lastPingAt),
    },
  };
}

function mcpRichHealthBody(
  context: ResponseContext,
  status: "healthy" | "degraded" | "unhealthy",
): Record<string, unknown> {
  const checkStatus = { healthy: "ok", degraded: "degraded", unhealthy: "error" }[status];
  return {
    status,
    uptime: Math.floor(context.uptimeSeconds),
    timestamp: isoAt(context.now),
    checks: {
      registry: {
        status: status === "unhealthy" ? checkStatus : "ok",
        agentCount: status === "unhealthy" ? 0 : 8,
      },
      telemetry: { status: checkStatus, totalSpans: 42, activeSpans: 1, totalEvents: 100 },
      tools: {
        status: status === "unhealthy" ? checkStatus : "ok",
        toolCount: status === "unhealthy" ? 0 : mcpToolCount,
      },
    },
    version: mcpVersion,
  };
}

type Region = { id: string; status: string; detail?: string };
type Breaker = { target: string; state: string; failureRate: number; totalRequests: number };

// With an errorRate given, the rate is errors / 10,000 requests: exact to four decimals.
const opsRegionsRequests = 10_000;

// Breaker states are upper case because the real payload stringifies the export manager's CLOSED/OPEN/HALF_OPEN.
function mcpOpsStatusBody(context: ResponseContext): Record<string, unknown> {
  const { behaviour } = context;
  const regions: Region[] = [
    { id: "us-west", status: "healthy" },
    { id: "eu-west", status: "healthy" },
    { id: "ap-east", status: "unknown", detail: "no_health_url_configured" },
  ];
  const circuitBreakers: Breaker[] = [
    { target: "r3f", state: "CLOSED", failureRate: 0, totalRequests: 812 },
    { target: "unity", state: "CLOSED", failureRate: 0, totalRequests: 377 },
    { target: "webgpu", state: "CLOSED", failureRate: 0, totalRequests: 254 },
  ];
  let status = "healthy";
  let activeAnomalies = 0;
  let requests = 1520;
  let errors = 3;
  if (behaviour.mode === "ops-critical") {
    status = "critical";
    regions[1] = { id: "eu-west", status: "critical", detail: "fetch failed" };
    requests = 400;
    errors = 248;
  } else if (behaviour.mode === "ops-degraded") {
    status = "degraded";
    activeAnomalies = 2;
    errors = 61;
    circuitBreakers[1] = { target: "unity", state: "OPEN", failureRate: 14, totalRequests: 377 };
  } else if (behaviour.mode === "ops-regions") {
    status = behaviour.status;
    if (behaviour.errorRate !== undefined) {
      requests = opsRegionsRequests;
      errors = Math.round(behaviour.errorRate * opsRegionsRequests);
    }
    for (const target of behaviour.openBreakers) {
      const open: Breaker = { target, state: "OPEN", failureRate: 50, totalRequests: 200 };
      const index = circuitBreakers.findIndex((breaker) => breaker.target === target);
      if (index === -1) circuitBreakers.push(open);
      else
        circuitBreakers[index] = {
          ...open,
          totalRequests: circuitBreakers[index]?.totalRequests ?? open.totalRequests,
        };
    }
  }
  return {
    status,
    timestamp: isoAt(context.now),
    uptimeSeconds: context.uptimeSeconds,
    replicaCount: 2,
    regions:
      behaviour.mode === "ops-regions"
        ? behaviour.regions.map((region) => ({ ...region }))
        : regions,
    anomaly: { activeAnomalies },
    securedTools: { requests, errors, errorRate: errors / requests },
    circuitBreakers,
  };
}

const absorbDiagnostics = {
  connected: {
    likely502Cause:
      "If clients still see 502 while this answers, the fault is upstream (edge proxy) or an app crash; compare with this JSON.",
    dbLayer: "Postgres probe succeeded recently.",
  },
  degraded: {
    likely502Cause:
      "Edge proxy timeout or a slow Postgres probe; check the Railway logs and the DATABASE_URL pool.",
    dbLayer: "Postgres SELECT 1 probe failed or exceeded HEALTH_DB_TIMEOUT_MS.",
  },
};

function absorbHealthBody(context: ResponseContext): Record<string, unknown> {
  const variant = context.behaviour.mode === "degraded" ? context.behaviour.variant : undefined;
  const databaseDegraded = variant === "database-degraded";
  let probe = "ok";
  if (databaseDegraded) probe = "error";
  if (variant === "moltbook-timeout") probe = "timeout";
  return {
    status: "ok",
    service: "absorb-service",
    version: absorbVersion,
    uptime: context.uptimeSeconds,
    database: databaseDegraded ? "degraded" : "connected",
    moltbookAgentCountProbe: probe,
    moltbookActiveAgents: probe === "ok" ? 42 : null,
    mcpSessions: 2,
    diagnostics: databaseDegraded ? absorbDiagnostics.degraded : absorbDiagnostics.connected,
    timestamp: isoAt(context.now),
  };
}

function studioHealthBody(context: ResponseContext): Record<string, unknown> {
  const degraded =
    context.behaviour.mode === "degraded" && context.behaviour.variant === "studio-degraded";
  if (degraded) {
    return {
      degraded: true,
      ai: { provider: "openrouter", connected: true },
      taskBoard: {
        mode: "in-memory",
        degraded: true,
        error: "connect ECONNREFUSED 10.0.4.12:5432",
      },
    };
  }
  return {
    degraded: false,
    ai: { provider: "openrouter", connected: true },
    taskBoard: { mode: "db-backed", degraded: false },
    teamActivity: { active_teams: 4, total_agents: 11, tasks_completed_today: 27 },
  };
}

function healthBody(context: ResponseContext): Record<string, unknown> {
  switch (context.kind) {
    case "mcp":
      return context.behaviour.mode === "rich-health"
        ? mcpRichHealthBody(context, context.behaviour.status)
        : mcpHealthBody(context);
    case "absorb":
      return absorbHealthBody(context);
    case "studio":
      return studioHealthBody(context);
    case "orchestrator":
      return {
        uptime: context.uptimeSeconds,
        version: orchestratorVersion,
        knowledge_entries: 1873,
      };
    case "generic":
      return { status: "ok" };
  }
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(6);
}

export function prometheusText(context: ResponseContext): string {
  const { latency } = context.stats;
  const lines = [
    "# HELP holoscript_http_requests_total HTTP requests answered since start.",
    "# TYPE holoscript_http_requests_total counter",
    `holoscript_http_requests_total ${latency.count}`,
    "# HELP holoscript_http_errors_total HTTP requests answered with a 5xx status since start.",
    "# TYPE holoscript_http_errors_total counter",
    `holoscript_http_errors_total ${context.stats.errors}`,
    "# HELP holoscript_http_request_duration_seconds HTTP request latency over the most recent requests.",
    "# TYPE holoscript_http_request_duration_seconds summary",
    `holoscript_http_request_duration_seconds{quantile="0.5"} ${formatNumber(latency.p50)}`,
    `holoscript_http_request_duration_seconds{quantile="0.95"} ${formatNumber(latency.p95)}`,
    `holoscript_http_request_duration_seconds{quantile="0.99"} ${formatNumber(latency.p99)}`,
    `holoscript_http_request_duration_seconds_sum ${formatNumber(latency.sumSeconds)}`,
    `holoscript_http_request_duration_seconds_count ${latency.count}`,
    "# HELP holoscript_mcp_sessions Open MCP sessions.",
    "# TYPE holoscript_mcp_sessions gauge",
    "holoscript_mcp_sessions 3",
    "# HELP holoscript_mcp_tools Registered MCP tools.",
    "# TYPE holoscript_mcp_tools gauge",
    `holoscript_mcp_tools ${context.behaviour.mode === "tools-drop" ? context.behaviour.tools : mcpToolCount}`,
    "# HELP process_uptime_seconds Seconds since the process started.",
    "# TYPE process_uptime_seconds gauge",
    `process_uptime_seconds ${formatNumber(context.uptimeSeconds)}`,
    "",
  ];
  return lines.join("\n");
}

function compileBody(): Record<string, unknown> {
  return {
    success: true,
    target: "r3f",
    objects: 1,
    output: "export function Scene() { return <mesh />; }",
  };
}

function routeBody(context: ResponseContext, route: RouteName): SimulatedResponse {
  switch (route) {
    case "health":
      return json(200, healthBody(context));
    case "ops-status":
      return json(200, mcpOpsStatusBody(context));
    case "metrics":
      return { status: 200, contentType: prometheusContentType, body: prometheusText(context) };
    case "compile":
      return context.behaviour.mode === "compile-404"
        ? notFoundResponse()
        : json(200, compileBody());
  }
}

export function notFoundResponse(): SimulatedResponse {
  return json(404, { error: "Not Found" });
}

/** Sent as the JSON escape \u0000: valid JSON that Postgres text and jsonb refuse. */
export const poisonedVersion = "1.0\u0000";

// Raw gzip bytes (NULs, invalid UTF-8) sent uncompressed as if they were the JSON error: a broken proxy or a gzip bomb's start.
export const binaryErrorBody = Buffer.concat([
  Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]),
  gzipSync(Buffer.from('{"error":"'.padEnd(4096, "x"))),
]);

function poisonedResponse(context: ResponseContext, route: RouteName): SimulatedResponse | null {
  const { behaviour } = context;
  if (route !== "health") return null;
  const healthy: ResponseContext = { ...context, behaviour: { mode: "healthy" } };
  const body = context.kind === "generic" ? { status: "healthy" } : healthBody(healthy);
  if (behaviour.mode === "nul-version") return json(200, { ...body, version: poisonedVersion });
  // A NUL and an unpaired surrogate in a key, a huge string and a number past any column's range.
  if (behaviour.mode === "huge-values")
    return json(200, {
      ...body,
      version: "v".repeat(behaviour.chars),
      "queue\u0000\uD800": 1e308,
      note: "x".repeat(behaviour.chars),
    });
  return null;
}

/** The answer of one request, given everything that decides it. Pure: no clock, no I/O. */
export function buildResponse(context: ResponseContext): SimulatedResponse {
  const { behaviour, route } = context;
  if (behaviour.mode === "binary-500")
    return { status: 500, contentType: jsonContentType, bytes: binaryErrorBody };
  if (behaviour.mode === "http-502-html") {
    return {
      status: 502,
      contentType: "text/html",
      body: badGatewayHtml,
      headers: { server: "cloudflare" },
    };
  }
  if (behaviour.mode === "http-500-json") {
    return route === "ops-status"
      ? json(500, {
          status: "critical",
          error: "Cannot read properties of undefined (reading 'getMetrics')",
        })
      : json(500, { error: "Internal Server Error" });
  }
  if (route === undefined) return notFoundResponse();
  if (behaviour.mode === "oversized") {
    return { status: 200, contentType: jsonContentType, streamBytes: behaviour.bytes };
  }
  if (behaviour.mode === "nul-version" || behaviour.mode === "huge-values") {
    const poisoned = poisonedResponse(context, route);
    if (poisoned) return poisoned;
    return routeBody({ ...context, behaviour: { mode: "healthy" } }, route);
  }
  if (behaviour.mode === "malformed-json") {
    const healthy: ResponseContext = { ...context, behaviour: { mode: "healthy" } };
    const whole = JSON.stringify(
      route === "ops-status"
        ? mcpOpsStatusBody(healthy)
        : route === "compile"
          ? compileBody()
          : healthBody(healthy),
    );
    return {
      status: 200,
      contentType: jsonContentType,
      body: whole.slice(0, Math.ceil(whole.length / 2)),
    };
  }
  if (behaviour.mode === "answers-as")
    return routeBody({ ...context, kind: behaviour.kind, behaviour: { mode: "healthy" } }, route);
  return routeBody(context, route);
}
