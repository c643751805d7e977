import { z } from "zod";
import { describeDrop, isFigureDrop, type FigureBaselines } from "@/lib/health/baseline-rules";
import type { ProbeFailure, ProbeResult } from "@/lib/outbound/http-client";
import type { HealthStatus, KeyFigures, ProbeProfile } from "@/lib/health/types";

export type Finding = { status: HealthStatus; reason: string };
export type ProfileVerdict = {
  findings: Finding[];
  httpStatus: number | null;
  version: string | null;
  figures: KeyFigures;
  failedBody: string | null;
};

const bodySampleBytes = 1024;
const severity: Record<HealthStatus, number> = { up: 0, degraded: 1, down: 2 };

export function worstStatus(findings: Finding[]): HealthStatus {
  return findings.reduce<HealthStatus>(
    (worst, finding) => (severity[finding.status] > severity[worst] ? finding.status : worst),
    "up",
  );
}

export function formatMs(ms: number): string {
  return ms >= 1000
    ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1).replace(/\.0$/, "")} s`
    : `${Math.round(ms)} ms`;
}

function failureReason(path: string, failure: ProbeFailure, timeoutMs: number): string {
  switch (failure.kind) {
    case "timeout":
      return `${path}: no answer within ${formatMs(timeoutMs)} (hung, cold start or overloaded)`;
    case "refused":
      return `${path}: connection refused — nothing is listening (crashed, or not deployed?)`;
    case "dns":
      return `${path}: ${failure.message} — the host name does not resolve`;
    case "tls":
      return `${path}: ${failure.message}`;
    case "reset":
      return `${path}: the connection was dropped before an answer (crash or restart?)`;
    case "policy":
      return `blocked by Vigil's outbound policy: ${failure.message}`;
    case "redirects":
      return `${path}: ${failure.message}`;
    case "aborted":
      return `${path}: the check was cancelled`;
    case "network":
      return `${path}: ${failure.message}`;
  }
}

/** The plain HTTP profile: any 2xx is up. */
export function plainHttpFinding(
  path: string,
  result: ProbeResult,
  timeoutMs: number,
): Finding | null {
  if (!result.ok) return { status: "down", reason: failureReason(path, result, timeoutMs) };
  if (result.status >= 400 || result.status < 200)
    return { status: "down", reason: `${path}: HTTP ${result.status}` };
  if (result.status >= 300)
    return {
      status: "down",
      reason: `${path}: HTTP ${result.status} redirect without a usable location`,
    };
  return null;
}

type JsonRead =
  | { ok: true; json: unknown; status: number }
  | { ok: false; finding: Finding; status: number | null; body: string | null };

function sample(body: Buffer): string {
  return body.subarray(0, bodySampleBytes).toString("utf8");
}

/** The shared part of every JSON profile: transport failures, HTTP errors, edge error pages, bad JSON. */
export function readJson(path: string, result: ProbeResult, timeoutMs: number): JsonRead {
  if (!result.ok)
    return {
      ok: false,
      finding: { status: "down", reason: failureReason(path, result, timeoutMs) },
      status: null,
      body: null,
    };
  const contentType = String(result.headers["content-type"] ?? "");
  const text = result.body.toString("utf8");
  const looksHtml = contentType.includes("text/html") || /^\s*<(!doctype|html)/i.test(text);
  if (result.status >= 500) {
    const reason = looksHtml
      ? `${path}: HTTP ${result.status} error page from the edge — the service itself did not answer (crash, OOM or bad deploy?)`
      : `${path}: HTTP ${result.status}`;
    return {
      ok: false,
      finding: { status: "down", reason },
      status: result.status,
      body: sample(result.body),
    };
  }
  if (result.status >= 400) {
    return {
      ok: false,
      finding: {
        status: "down",
        reason: `${path}: HTTP ${result.status}${result.status === 401 || result.status === 403 ? " — refused; rotated key?" : ""}`,
      },
      status: result.status,
      body: sample(result.body),
    };
  }
  if (result.truncated) {
    return {
      ok: false,
      finding: {
        status: "down",
        reason: `${path}: the answer is larger than 1 MiB; Vigil stopped reading`,
      },
      status: result.status,
      body: sample(result.body),
    };
  }
  if (looksHtml) {
    return {
      ok: false,
      finding: {
        status: "down",
        reason: `${path}: an HTML page (HTTP ${result.status}) where JSON was expected — a proxy or login page answered`,
      },
      status: result.status,
      body: sample(result.body),
    };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown, status: result.status };
  } catch {
    return {
      ok: false,
      finding: { status: "down", reason: `${path}: malformed JSON (HTTP ${result.status})` },
      status: result.status,
      body: sample(result.body),
    };
  }
}

const statusWords: Record<string, HealthStatus> = {
  healthy: "up",
  ok: "up",
  up: "up",
  pass: "up",
  degraded: "degraded",
  warn: "degraded",
  warning: "degraded",
  unhealthy: "down",
  critical: "down",
  down: "down",
  fail: "down",
  error: "down",
};

function wordStatus(value: unknown): HealthStatus | null {
  return typeof value === "string" ? (statusWords[value.toLowerCase()] ?? null) : null;
}

function pickFigures(source: Record<string, unknown>, keys: Record<string, string>): KeyFigures {
  const figures: KeyFigures = {};
  for (const [key, label] of Object.entries(keys)) {
    const value = key
      .split(".")
      .reduce<unknown>(
        (node, part) =>
          node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined,
        source,
      );
    if (
      typeof value === "number" ||
      typeof value === "string" ||
      typeof value === "boolean" ||
      value === null
    )
      figures[label] = value;
  }
  return figures;
}

const checksSchema = z.record(
  z.string(),
  z.object({ status: z.string().optional() }).passthrough(),
);

function nestedCheckFindings(checks: unknown): Finding[] {
  const parsed = checksSchema.safeParse(checks);
  if (!parsed.success) return [];
  return Object.entries(parsed.data).flatMap(([name, check]) => {
    const status = wordStatus(check.status);
    return status && status !== "up"
      ? [
          {
            status: status === "down" ? "down" : "degraded",
            reason: `${name} check reports ${check.status}`,
          } as Finding,
        ]
      : [];
  });
}

export type HoloScriptService = "mcp" | "absorb" | "studio";

const serviceNames: Record<HoloScriptService, string> = {
  mcp: "the MCP server",
  absorb: "Absorb",
  studio: "Studio",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Which HoloScript service a /health answer comes from, by its name when it gives one and otherwise by the shape
 * only that service serves (the runbook's richer MCP shape, Absorb's database and Moltbook probe, Studio's flags).
 */
export function identifyHoloScriptService(json: unknown): HoloScriptService | null {
  if (!isRecord(json)) return null;
  if (json.service === "holoscript-mcp") return "mcp";
  if (json.service === "absorb-service") return "absorb";
  const checks = json.checks;
  if (isRecord(checks) && (isRecord(checks.tools) || isRecord(checks.registry))) return "mcp";
  if ("database" in json && "moltbookAgentCountProbe" in json) return "absorb";
  const taskBoard = json.taskBoard;
  const flagged =
    typeof json.degraded === "boolean" ||
    (isRecord(taskBoard) && typeof taskBoard.degraded === "boolean");
  if (!("status" in json) && flagged && (isRecord(json.ai) || isRecord(taskBoard))) return "studio";
  return null;
}

/** Down when the answer identifies as another HoloScript service: the URL points at the wrong deployment. */
export function identityFinding(expected: HoloScriptService, json: unknown): Finding | null {
  const actual = identifyHoloScriptService(json);
  if (actual === null || actual === expected) return null;
  return {
    status: "down",
    reason: `this URL answers as ${serviceNames[actual]}, not ${serviceNames[expected]}`,
  };
}

type ServiceHealthRead<T> = { ok: true; health: T } | { ok: false; finding: Finding };

/**
 * A HoloScript service's answer read with its schema, or the one finding that stops the reading: the answer
 * is another service's (whose version and figures would be recorded as this one's), or of an unexpected shape.
 */
function readServiceHealth<T>(
  expected: HoloScriptService,
  schema: z.ZodType<T>,
  path: string,
  json: unknown,
): ServiceHealthRead<T> {
  const wrongService = identityFinding(expected, json);
  if (wrongService) return { ok: false, finding: wrongService };
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      finding: { status: "down", reason: `${path}: JSON of an unexpected shape` },
    };
  return { ok: true, health: parsed.data };
}

const mcpHealthSchema = z
  .object({
    status: z.string().optional(),
    version: z.string().optional(),
    tools: z.number().optional(),
    sessions: z.number().optional(),
    storage: z.object({ teamStore: z.string().optional() }).passthrough().optional(),
    keepAlive: z
      .object({ enabled: z.boolean().optional(), lastPingStatus: z.string().nullable().optional() })
      .passthrough()
      .optional(),
    checks: z.unknown().optional(),
  })
  .passthrough();

export function mcpHealthFindings(
  json: unknown,
  baselines: FigureBaselines,
): { findings: Finding[]; version: string | null; figures: KeyFigures } {
  const read = readServiceHealth("mcp", mcpHealthSchema, "/health", json);
  if (!read.ok) return { findings: [read.finding], version: null, figures: {} };
  const health = read.health;
  const checks = (health.checks ?? {}) as Record<
    string,
    { toolCount?: unknown; agentCount?: unknown }
  >;
  const tools =
    typeof health.tools === "number"
      ? health.tools
      : typeof checks.tools?.toolCount === "number"
        ? checks.tools.toolCount
        : null;
  if (tools === null && identifyHoloScriptService(json) === null) {
    return {
      findings: [
        {
          status: "down",
          reason: "/health does not identify as the MCP server: no service name or tool count",
        },
      ],
      version: null,
      figures: {},
    };
  }
  const findings: Finding[] = [];
  const declared = wordStatus(health.status);
  if (declared === "down")
    findings.push({ status: "down", reason: `/health reports ${health.status}` });
  if (declared === "degraded")
    findings.push({ status: "degraded", reason: `/health reports ${health.status}` });
  findings.push(...nestedCheckFindings(health.checks));
  if (health.storage?.teamStore === "memory") {
    findings.push({
      status: "degraded",
      reason: "team store is in memory: team state will be lost on the next deploy",
    });
  }
  if (tools === 0)
    findings.push({ status: "degraded", reason: "no tools are registered (tools: 0)" });
  const toolBaseline = baselines.tools;
  if (tools !== null && tools > 0 && toolBaseline && isFigureDrop(tools, toolBaseline.value)) {
    findings.push({ status: "degraded", reason: describeDrop("tool count", tools, toolBaseline) });
  }
  const ping = health.keepAlive?.lastPingStatus;
  if (health.keepAlive?.enabled && ping && ping !== "ok") {
    findings.push({
      status: "degraded",
      reason: `keep-alive ping is failing (${ping}): expect ~14 s cold starts after idle`,
    });
  }
  const figures: KeyFigures = {
    ...(tools !== null ? { tools } : {}),
    ...pickFigures(health, {
      sessions: "sessions",
      "storage.teamStore": "team store",
      "security.activeTokens": "active tokens",
      "checks.registry.agentCount": "agents",
    }),
  };
  return { findings, version: health.version ?? null, figures };
}

const opsStatusSchema = z
  .object({
    status: z.string().optional(),
    error: z.string().optional(),
    regions: z
      .array(
        z
          .object({ id: z.string(), status: z.string(), detail: z.string().nullable().optional() })
          .passthrough(),
      )
      .optional(),
    anomaly: z.object({ activeAnomalies: z.number() }).partial().passthrough().optional(),
    securedTools: z
      .object({ requests: z.number(), errors: z.number(), errorRate: z.number() })
      .partial()
      .passthrough()
      .optional(),
    circuitBreakers: z
      .array(z.object({ target: z.string(), state: z.string() }).passthrough())
      .optional(),
  })
  .passthrough();

/** Two or more critical regions page (runbook section 3); one is degraded. */
const criticalRegionsToPage = 2;
const opsErrorRate = { down: 0.5, degraded: 0.25 } as const;

type OpsRegion = { id: string; status: string; detail?: string | null };

function describeRegions(regions: OpsRegion[], word: string): string {
  const listed = regions.map((region) => {
    const said = [
      region.status.toLowerCase() === word ? null : region.status,
      region.detail || null,
    ]
      .filter(Boolean)
      .join(": ");
    return said ? `${region.id} (${said})` : region.id;
  });
  return `${regions.length} ${regions.length === 1 ? "region" : "regions"} ${word}: ${listed.join(", ")}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

/**
 * /ops/status judged by its fields, whatever its top-level word says: the word alone (no field explaining it,
 * as in the 500 it answers when it cannot build itself) is degraded at most, and "healthy" never hides a field.
 */
export function opsStatusFindings(json: unknown): { findings: Finding[]; figures: KeyFigures } {
  const parsed = opsStatusSchema.safeParse(json);
  if (!parsed.success)
    return {
      findings: [{ status: "degraded", reason: "/ops/status: JSON of an unexpected shape" }],
      figures: {},
    };
  const ops = parsed.data;
  const findings: Finding[] = [];

  // A region without a configured health URL reports "unknown": that is not a degradation.
  const regions = ops.regions ?? [];
  const critical = regions.filter((region) => wordStatus(region.status) === "down");
  const degraded = regions.filter((region) => wordStatus(region.status) === "degraded");
  if (critical.length > 0)
    findings.push({
      status: critical.length >= criticalRegionsToPage ? "down" : "degraded",
      reason: describeRegions(critical, "critical"),
    });
  if (degraded.length > 0)
    findings.push({ status: "degraded", reason: describeRegions(degraded, "degraded") });

  const tools = ops.securedTools;
  const errorRate =
    typeof tools?.errorRate === "number"
      ? tools.errorRate
      : typeof tools?.errors === "number" &&
          typeof tools.requests === "number" &&
          tools.requests > 0
        ? tools.errors / tools.requests
        : null;
  if (errorRate !== null && errorRate >= opsErrorRate.degraded) {
    const counts =
      typeof tools?.errors === "number" && typeof tools.requests === "number"
        ? ` (${tools.errors} of ${tools.requests} requests failed)`
        : "";
    findings.push({
      status: errorRate >= opsErrorRate.down ? "down" : "degraded",
      reason: `secured-tool error rate ${percent(errorRate)}${counts}`,
    });
  }

  // The export manager writes OPEN/CLOSED/HALF_OPEN in capitals; compare without case.
  const open = (ops.circuitBreakers ?? [])
    .filter((breaker) => breaker.state.toLowerCase() === "open")
    .map((breaker) => breaker.target);
  if (open.length > 0)
    findings.push({
      status: "degraded",
      reason: `circuit ${open.length === 1 ? "breaker" : "breakers"} open: ${open.join(", ")}`,
    });

  const anomalies = ops.anomaly?.activeAnomalies ?? 0;
  if (anomalies > 0)
    findings.push({
      status: "degraded",
      reason: `${anomalies} active ${anomalies === 1 ? "anomaly" : "anomalies"}`,
    });

  const word = wordStatus(ops.status);
  if (findings.length === 0 && (word === "down" || word === "degraded")) {
    findings.push({
      status: "degraded",
      reason: `/ops/status reports ${ops.status ?? "an error"} with no field explaining it${ops.error ? `: ${ops.error}` : ""}`,
    });
  } else if (ops.error) {
    findings.push({ status: "degraded", reason: `/ops/status error: ${ops.error}` });
  }

  const figures: KeyFigures = {
    ...(errorRate !== null ? { "error rate": `${(errorRate * 100).toFixed(1)}%` } : {}),
    ...pickFigures(ops, { replicaCount: "replicas" }),
  };
  return { findings, figures };
}

const absorbSchema = z
  .object({
    version: z.string().optional(),
    database: z.string().optional(),
    moltbookAgentCountProbe: z.string().optional(),
    moltbookActiveAgents: z.number().nullable().optional(),
    mcpSessions: z.number().optional(),
    diagnostics: z
      .object({
        likely502Cause: z.string().nullable().optional(),
        dbLayer: z.string().nullable().optional(),
      })
      .partial()
      .optional(),
  })
  .passthrough();

/** Absorb's own deploy pipeline calls it healthy only when all three hold; its diagnostics are written for operators. */
export function absorbFindings(json: unknown): {
  findings: Finding[];
  version: string | null;
  figures: KeyFigures;
} {
  const read = readServiceHealth("absorb", absorbSchema, "/health", json);
  if (!read.ok) return { findings: [read.finding], version: null, figures: {} };
  const health = read.health;
  const diagnostics = [health.diagnostics?.likely502Cause, health.diagnostics?.dbLayer]
    .filter((text): text is string => Boolean(text))
    .join("; ");
  const findings: Finding[] = [];
  if (health.database !== "connected") {
    findings.push({
      status: "degraded",
      reason: `database ${health.database ?? "state missing"}${diagnostics ? `: ${diagnostics}` : ""}`,
    });
  }
  if (health.moltbookAgentCountProbe !== "ok")
    findings.push({
      status: "degraded",
      reason: `Moltbook agent-count probe: ${health.moltbookAgentCountProbe ?? "missing"}`,
    });
  else if (!Number.isInteger(health.moltbookActiveAgents))
    findings.push({ status: "degraded", reason: "Moltbook active agents is not a whole number" });
  return {
    findings,
    version: health.version ?? null,
    figures: pickFigures(health, {
      moltbookActiveAgents: "agents",
      mcpSessions: "MCP sessions",
      database: "database",
    }),
  };
}

const studioSchema = z
  .object({
    degraded: z.boolean().optional(),
    ai: z
      .object({ provider: z.string().optional(), connected: z.boolean().optional() })
      .partial()
      .optional(),
    taskBoard: z
      .object({
        mode: z.string().optional(),
        degraded: z.boolean().optional(),
        error: z.string().optional(),
      })
      .partial()
      .optional(),
  })
  .passthrough();

export function studioFindings(json: unknown): { findings: Finding[]; figures: KeyFigures } {
  const read = readServiceHealth("studio", studioSchema, "/api/health", json);
  if (!read.ok) return { findings: [read.finding], figures: {} };
  const health = read.health;
  const findings: Finding[] = [];
  if (health.degraded)
    findings.push({
      status: "degraded",
      reason: "Studio reports degraded: its database is missing or failing",
    });
  if (health.taskBoard?.degraded) {
    const error = health.taskBoard.error ? `: ${health.taskBoard.error}` : "";
    findings.push({
      status: "degraded",
      reason: `task board degraded (mode ${health.taskBoard.mode ?? "unknown"})${error}`,
    });
  }
  if (health.ai?.connected === false)
    findings.push({
      status: "degraded",
      reason: `AI provider ${health.ai.provider ?? ""} not connected`.replace("  ", " "),
    });
  return {
    findings,
    figures: pickFigures(health, { "ai.provider": "AI provider", "taskBoard.mode": "task board" }),
  };
}

export function genericJsonFindings(json: unknown): {
  findings: Finding[];
  version: string | null;
  figures: KeyFigures;
} {
  if (!json || typeof json !== "object" || Array.isArray(json))
    return { findings: [], version: null, figures: {} };
  const body = json as Record<string, unknown>;
  const findings: Finding[] = [];
  const status = wordStatus(body.status);
  if (status && status !== "up")
    findings.push({ status, reason: `/health reports ${String(body.status)}` });
  findings.push(...nestedCheckFindings(body.checks));
  const figures: KeyFigures = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "number" && key !== "uptime" && Object.keys(figures).length < 4)
      figures[key.replaceAll("_", " ")] = value;
  }
  return { findings, version: typeof body.version === "string" ? body.version : null, figures };
}

export const healthPathOf: Record<ProbeProfile, string> = {
  holoscript_mcp: "/health",
  absorb: "/health",
  studio: "/api/health",
  generic_json: "/health",
  http: "",
};
