import { z } from "zod";
import type { ProbeFailure, ProbeResult } from "@/lib/health/probe";
import type { HealthStatus, KeyFigures, ProbeProfile } from "@/lib/health/schema";

export type Finding = { status: HealthStatus; reason: string };
export type ProfileVerdict = { findings: Finding[]; httpStatus: number | null; version: string | null; figures: KeyFigures; failedBody: string | null };

const bodySampleBytes = 1024;
const severity: Record<HealthStatus, number> = { up: 0, degraded: 1, down: 2 };

export function worstStatus(findings: Finding[]): HealthStatus {
  return findings.reduce<HealthStatus>((worst, finding) => (severity[finding.status] > severity[worst] ? finding.status : worst), "up");
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1).replace(/\.0$/, "")} s` : `${Math.round(ms)} ms`;
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
export function plainHttpFinding(path: string, result: ProbeResult, timeoutMs: number): Finding | null {
  if (!result.ok) return { status: "down", reason: failureReason(path, result, timeoutMs) };
  if (result.status >= 400 || result.status < 200) return { status: "down", reason: `${path}: HTTP ${result.status}` };
  if (result.status >= 300) return { status: "down", reason: `${path}: HTTP ${result.status} redirect without a usable location` };
  return null;
}

type JsonRead = { ok: true; json: unknown; status: number } | { ok: false; finding: Finding; status: number | null; body: string | null };

function sample(body: Buffer): string {
  return body.subarray(0, bodySampleBytes).toString("utf8");
}

/** The shared part of every JSON profile: transport failures, HTTP errors, edge error pages, bad JSON. */
export function readJson(path: string, result: ProbeResult, timeoutMs: number): JsonRead {
  if (!result.ok) return { ok: false, finding: { status: "down", reason: failureReason(path, result, timeoutMs) }, status: null, body: null };
  const contentType = String(result.headers["content-type"] ?? "");
  const text = result.body.toString("utf8");
  const looksHtml = contentType.includes("text/html") || /^\s*<(!doctype|html)/i.test(text);
  if (result.status >= 500) {
    const reason = looksHtml
      ? `${path}: HTTP ${result.status} error page from the edge — the service itself did not answer (crash, OOM or bad deploy?)`
      : `${path}: HTTP ${result.status}`;
    return { ok: false, finding: { status: "down", reason }, status: result.status, body: sample(result.body) };
  }
  if (result.status >= 400) {
    return { ok: false, finding: { status: "down", reason: `${path}: HTTP ${result.status}${result.status === 401 || result.status === 403 ? " — refused; rotated key?" : ""}` }, status: result.status, body: sample(result.body) };
  }
  if (result.truncated) {
    return { ok: false, finding: { status: "down", reason: `${path}: the answer is larger than 1 MiB; Vigil stopped reading` }, status: result.status, body: sample(result.body) };
  }
  if (looksHtml) {
    return { ok: false, finding: { status: "down", reason: `${path}: an HTML page (HTTP ${result.status}) where JSON was expected — a proxy or login page answered` }, status: result.status, body: sample(result.body) };
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown, status: result.status };
  } catch {
    return { ok: false, finding: { status: "down", reason: `${path}: malformed JSON (HTTP ${result.status})` }, status: result.status, body: sample(result.body) };
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
    const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), source);
    if (typeof value === "number" || typeof value === "string" || typeof value === "boolean" || value === null) figures[label] = value;
  }
  return figures;
}

const checksSchema = z.record(z.string(), z.object({ status: z.string().optional() }).passthrough());

function nestedCheckFindings(checks: unknown): Finding[] {
  const parsed = checksSchema.safeParse(checks);
  if (!parsed.success) return [];
  return Object.entries(parsed.data).flatMap(([name, check]) => {
    const status = wordStatus(check.status);
    return status && status !== "up" ? [{ status: status === "down" ? "down" : "degraded", reason: `${name} check reports ${check.status}` } as Finding] : [];
  });
}

const mcpHealthSchema = z
  .object({
    status: z.string().optional(),
    version: z.string().optional(),
    tools: z.number().optional(),
    sessions: z.number().optional(),
    storage: z.object({ teamStore: z.string().optional() }).passthrough().optional(),
    keepAlive: z.object({ enabled: z.boolean().optional(), lastPingStatus: z.string().nullable().optional() }).passthrough().optional(),
    checks: z.unknown().optional(),
  })
  .passthrough();

const toolDropShare = 0.5;

export function mcpHealthFindings(json: unknown, previous: KeyFigures): { findings: Finding[]; version: string | null; figures: KeyFigures } {
  const parsed = mcpHealthSchema.safeParse(json);
  if (!parsed.success) return { findings: [{ status: "down", reason: "/health: JSON of an unexpected shape" }], version: null, figures: {} };
  const health = parsed.data;
  const findings: Finding[] = [];
  const declared = wordStatus(health.status);
  if (declared === "down") findings.push({ status: "down", reason: `/health reports ${health.status}` });
  if (declared === "degraded") findings.push({ status: "degraded", reason: `/health reports ${health.status}` });
  findings.push(...nestedCheckFindings(health.checks));
  const checks = (health.checks ?? {}) as Record<string, { toolCount?: unknown; agentCount?: unknown }>;
  const tools = typeof health.tools === "number" ? health.tools : typeof checks.tools?.toolCount === "number" ? checks.tools.toolCount : null;
  if (health.storage?.teamStore === "memory") {
    findings.push({ status: "degraded", reason: "team store is in memory: team state will be lost on the next deploy" });
  }
  if (tools === 0) findings.push({ status: "degraded", reason: "no tools are registered (tools: 0)" });
  const previousTools = typeof previous.tools === "number" ? previous.tools : null;
  if (tools !== null && tools > 0 && previousTools !== null && previousTools >= 10 && tools < previousTools * toolDropShare) {
    findings.push({ status: "degraded", reason: `tool count dropped sharply from ${previousTools} to ${tools}` });
  }
  const ping = health.keepAlive?.lastPingStatus;
  if (health.keepAlive?.enabled && ping && ping !== "ok") {
    findings.push({ status: "degraded", reason: `keep-alive ping is failing (${ping}): expect ~14 s cold starts after idle` });
  }
  const figures: KeyFigures = {
    ...(tools !== null ? { tools } : {}),
    ...pickFigures(health, { sessions: "sessions", "storage.teamStore": "team store", "security.activeTokens": "active tokens", "checks.registry.agentCount": "agents" }),
  };
  return { findings, version: health.version ?? null, figures };
}

const opsStatusSchema = z
  .object({
    status: z.string(),
    error: z.string().optional(),
    regions: z.array(z.object({ id: z.string(), status: z.string(), detail: z.string().optional() })).optional(),
    anomaly: z.object({ activeAnomalies: z.number() }).partial().optional(),
    securedTools: z.object({ requests: z.number(), errors: z.number(), errorRate: z.number() }).partial().optional(),
    circuitBreakers: z.array(z.object({ target: z.string(), state: z.string() }).passthrough()).optional(),
  })
  .passthrough();

export function opsStatusFindings(json: unknown): { findings: Finding[]; figures: KeyFigures } {
  const parsed = opsStatusSchema.safeParse(json);
  if (!parsed.success) return { findings: [{ status: "degraded", reason: "/ops/status: JSON of an unexpected shape" }], figures: {} };
  const ops = parsed.data;
  const status = wordStatus(ops.status) ?? "degraded";
  const details: string[] = [];
  for (const region of ops.regions ?? []) {
    // A region without a configured health URL reports "unknown": that is not a degradation.
    const regionStatus = wordStatus(region.status);
    if (regionStatus && regionStatus !== "up") details.push(`region ${region.id} ${region.status}${region.detail ? ` (${region.detail})` : ""}`);
  }
  const errorRate = ops.securedTools?.errorRate;
  if (typeof errorRate === "number" && errorRate >= 0.25) details.push(`tool error rate ${(errorRate * 100).toFixed(0)}%`);
  const anomalies = ops.anomaly?.activeAnomalies ?? 0;
  if (anomalies > 0) details.push(`${anomalies} active ${anomalies === 1 ? "anomaly" : "anomalies"}`);
  // The export manager writes OPEN/CLOSED/HALF_OPEN in capitals; compare without case.
  const open = (ops.circuitBreakers ?? []).filter((breaker) => breaker.state.toLowerCase() === "open").map((breaker) => breaker.target);
  if (open.length) details.push(`circuit breaker open for ${open.join(", ")}`);
  if (ops.error) details.push(ops.error);
  const figures: KeyFigures = {
    ...(typeof errorRate === "number" ? { "error rate": `${(errorRate * 100).toFixed(1)}%` } : {}),
    ...pickFigures(ops, { replicaCount: "replicas" }),
  };
  if (status === "up") return { findings: [], figures };
  return { findings: [{ status, reason: `ops status ${ops.status}${details.length ? `: ${details.join(", ")}` : ""}` }], figures };
}

const absorbSchema = z
  .object({
    version: z.string().optional(),
    database: z.string().optional(),
    moltbookAgentCountProbe: z.string().optional(),
    moltbookActiveAgents: z.number().nullable().optional(),
    mcpSessions: z.number().optional(),
    diagnostics: z.object({ likely502Cause: z.string().nullable().optional(), dbLayer: z.string().nullable().optional() }).partial().optional(),
  })
  .passthrough();

/** Absorb's own deploy pipeline calls it healthy only when all three hold; its diagnostics are written for operators. */
export function absorbFindings(json: unknown): { findings: Finding[]; version: string | null; figures: KeyFigures } {
  const parsed = absorbSchema.safeParse(json);
  if (!parsed.success) return { findings: [{ status: "down", reason: "/health: JSON of an unexpected shape" }], version: null, figures: {} };
  const health = parsed.data;
  const diagnostics = [health.diagnostics?.likely502Cause, health.diagnostics?.dbLayer].filter((text): text is string => Boolean(text)).join("; ");
  const findings: Finding[] = [];
  if (health.database !== "connected") {
    findings.push({ status: "degraded", reason: `database ${health.database ?? "state missing"}${diagnostics ? `: ${diagnostics}` : ""}` });
  }
  if (health.moltbookAgentCountProbe !== "ok") findings.push({ status: "degraded", reason: `Moltbook agent-count probe: ${health.moltbookAgentCountProbe ?? "missing"}` });
  else if (!Number.isInteger(health.moltbookActiveAgents)) findings.push({ status: "degraded", reason: "Moltbook active agents is not a whole number" });
  return {
    findings,
    version: health.version ?? null,
    figures: pickFigures(health, { moltbookActiveAgents: "agents", mcpSessions: "MCP sessions", database: "database" }),
  };
}

const studioSchema = z
  .object({
    degraded: z.boolean().optional(),
    ai: z.object({ provider: z.string().optional(), connected: z.boolean().optional() }).partial().optional(),
    taskBoard: z.object({ mode: z.string().optional(), degraded: z.boolean().optional(), error: z.string().optional() }).partial().optional(),
  })
  .passthrough();

export function studioFindings(json: unknown): { findings: Finding[]; figures: KeyFigures } {
  const parsed = studioSchema.safeParse(json);
  if (!parsed.success) return { findings: [{ status: "down", reason: "/api/health: JSON of an unexpected shape" }], figures: {} };
  const health = parsed.data;
  const findings: Finding[] = [];
  if (health.degraded) findings.push({ status: "degraded", reason: "Studio reports degraded: its database is missing or failing" });
  if (health.taskBoard?.degraded) {
    const error = health.taskBoard.error ? `: ${health.taskBoard.error}` : "";
    findings.push({ status: "degraded", reason: `task board degraded (mode ${health.taskBoard.mode ?? "unknown"})${error}` });
  }
  if (health.ai?.connected === false) findings.push({ status: "degraded", reason: `AI provider ${health.ai.provider ?? ""} not connected`.replace("  ", " ") });
  return { findings, figures: pickFigures(health, { "ai.provider": "AI provider", "taskBoard.mode": "task board" }) };
}

export function genericJsonFindings(json: unknown): { findings: Finding[]; version: string | null; figures: KeyFigures } {
  if (!json || typeof json !== "object" || Array.isArray(json)) return { findings: [], version: null, figures: {} };
  const body = json as Record<string, unknown>;
  const findings: Finding[] = [];
  const status = wordStatus(body.status);
  if (status && status !== "up") findings.push({ status, reason: `/health reports ${String(body.status)}` });
  findings.push(...nestedCheckFindings(body.checks));
  const figures: KeyFigures = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "number" && key !== "uptime" && Object.keys(figures).length < 4) figures[key.replaceAll("_", " ")] = value;
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
