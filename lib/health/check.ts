import type { FigureBaselines } from "@/lib/health/baseline-rules";
import type { AllowRule } from "@/lib/outbound/policy";
import { probe, type ProbeResult } from "@/lib/outbound/http-client";
import {
  absorbFindings,
  formatMs,
  genericJsonFindings,
  healthPathOf,
  identifyHoloScriptService,
  mcpHealthFindings,
  opsStatusFindings,
  plainHttpFinding,
  readJson,
  studioFindings,
  worstStatus,
  type Finding,
} from "@/lib/health/profiles";
import type { HealthStatus, KeyFigures, ProbeProfile, Timings } from "@/lib/health/types";
import type { SampleProbe } from "@/lib/services/types";
import { toPostgresJson, toPostgresText } from "@/lib/postgres-text";

export type CheckTarget = {
  id: string;
  baseUrl: string;
  profile: ProbeProfile;
  timeoutSeconds: number;
  latencySloMs: number;
  sampleProbe: SampleProbe | null;
  checkTlsExpiry: boolean;
};

export type CheckOutcome = {
  serviceId: string;
  scheduledAt: Date;
  startedAt: Date;
  status: HealthStatus;
  reason: string;
  httpStatus: number | null;
  latencyMs: number | null;
  timings: Timings | null;
  version: string | null;
  figures: KeyFigures;
  bodySample: string | null;
  tlsExpiresAt: Date | null;
  manual: boolean;
};

export const outcomeTextLimits = {
  reason: 2_000,
  version: 200,
  bodySample: 2_048,
  figureText: 500,
  figures: 50,
};

function storableFigures(figures: KeyFigures): KeyFigures {
  const cleaned = toPostgresJson(figures, {
    maxDepth: 1,
    maxStringLength: outcomeTextLimits.figureText,
    maxEntries: outcomeTextLimits.figures,
  });
  const storable: KeyFigures = {};
  if (cleaned === null || typeof cleaned !== "object" || Array.isArray(cleaned)) return storable;
  for (const [key, value] of Object.entries(cleaned)) {
    if (value === null || typeof value !== "object") storable[key] = value;
  }
  return storable;
}

function storableTimings(timings: Timings | null): Timings | null {
  if (!timings) return null;
  const finite = (value: number | undefined) =>
    value !== undefined && Number.isFinite(value) ? value : undefined;
  return {
    dnsMs: finite(timings.dnsMs),
    connectMs: finite(timings.connectMs),
    tlsMs: finite(timings.tlsMs),
    firstByteMs: finite(timings.firstByteMs),
    totalMs: finite(timings.totalMs) ?? 0,
  };
}

/**
 * An outcome every field of which Postgres accepts: whatever a target sent (a NUL in a version, gzip
 * bytes in a failing body, a huge figure) is shown cleaned rather than refusing the whole batch.
 */
export function storableOutcome(outcome: CheckOutcome): CheckOutcome {
  const whole = (value: number | null) =>
    value === null || !Number.isFinite(value)
      ? null
      : Math.min(Math.max(Math.round(value), 0), 2_147_483_647);
  return {
    ...outcome,
    reason: toPostgresText(outcome.reason, outcomeTextLimits.reason),
    httpStatus: whole(outcome.httpStatus),
    latencyMs: whole(outcome.latencyMs),
    timings: storableTimings(outcome.timings),
    version:
      outcome.version === null ? null : toPostgresText(outcome.version, outcomeTextLimits.version),
    figures: storableFigures(outcome.figures),
    bodySample:
      outcome.bodySample === null
        ? null
        : toPostgresText(outcome.bodySample, outcomeTextLimits.bodySample),
  };
}

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

function sampleProbeFinding(sampleProbe: SampleProbe, result: ProbeResult): Finding | null {
  const label = `sample ${sampleProbe.method} ${sampleProbe.path}`;
  if (!result.ok) return { status: "degraded", reason: `${label}: ${result.message}` };
  if (result.status !== sampleProbe.expectedStatus)
    return {
      status: "degraded",
      reason: `${label}: HTTP ${result.status}, expected ${sampleProbe.expectedStatus}`,
    };
  if (result.timings.totalMs > sampleProbe.latencyBudgetMs) {
    return {
      status: "degraded",
      reason: `${label}: ${formatMs(result.timings.totalMs)}, over its ${formatMs(sampleProbe.latencyBudgetMs)} budget`,
    };
  }
  return null;
}

/**
 * Runs one check of a service and derives its health: HoloScript's /health endpoints answer
 * "healthy" almost regardless, so the verdict comes from the fields that betray trouble.
 * Latency and certificate expiry are not judged here: one slow answer or a near expiry is not this
 * check's verdict (the alert engine judges p95 over a window and the certificate as its own alert).
 */
export async function runServiceCheck(
  target: CheckTarget,
  context: {
    scheduledAt: Date;
    rules: AllowRule[];
    baselines: FigureBaselines;
    signal?: AbortSignal;
    manual?: boolean;
  },
): Promise<CheckOutcome> {
  const startedAt = new Date();
  const timeoutMs = target.timeoutSeconds * 1000;
  const request = (path: string, extra: Partial<Parameters<typeof probe>[0]> = {}) =>
    probe({
      url: join(target.baseUrl, path),
      timeoutMs,
      rules: context.rules,
      signal: context.signal,
      ...extra,
    });
  const healthPath = healthPathOf[target.profile];

  const [health, ops, sample] = await Promise.all([
    request(healthPath),
    target.profile === "holoscript_mcp" ? request("/ops/status") : Promise.resolve(null),
    target.sampleProbe
      ? request(target.sampleProbe.path, {
          method: target.sampleProbe.method,
          body: target.sampleProbe.body,
          headers: target.sampleProbe.body ? { "content-type": "application/json" } : {},
        })
      : Promise.resolve(null),
  ]);

  const findings: Finding[] = [];
  let wrongService = false;
  let figures: KeyFigures = {};
  let version: string | null = null;
  let failedBody: string | null = null;
  const httpStatus = health.ok ? health.status : null;

  if (target.profile === "http") {
    const finding = plainHttpFinding(healthPath || "/", health, timeoutMs);
    if (finding) {
      findings.push(finding);
      failedBody = health.ok ? health.body.subarray(0, 1024).toString("utf8") : null;
    }
  } else {
    const read = readJson(healthPath, health, timeoutMs);
    if (!read.ok) {
      findings.push(read.finding);
      failedBody = read.body;
    } else if (target.profile === "holoscript_mcp") {
      const identity = identifyHoloScriptService(read.json);
      wrongService = identity !== null && identity !== "mcp";
      const mcp = mcpHealthFindings(read.json, context.baselines);
      findings.push(...mcp.findings);
      figures = mcp.figures;
      version = mcp.version;
    } else if (target.profile === "absorb") {
      const absorb = absorbFindings(read.json);
      findings.push(...absorb.findings);
      figures = absorb.figures;
      version = absorb.version;
    } else if (target.profile === "studio") {
      const studio = studioFindings(read.json);
      findings.push(...studio.findings);
      figures = studio.figures;
    } else {
      const generic = genericJsonFindings(read.json);
      findings.push(...generic.findings);
      figures = generic.figures;
      version = generic.version;
    }
  }

  // Another service's /ops/status (if it has one) says nothing about the MCP server this target is meant to be.
  if (ops && !wrongService) {
    const read = readJson("/ops/status", ops, timeoutMs);
    if (read.ok || (ops.ok && ops.status === 500)) {
      const json = read.ok ? read.json : safeJson(ops.ok ? ops.body.toString("utf8") : "");
      const opsVerdict = opsStatusFindings(json);
      findings.push(...opsVerdict.findings);
      figures = { ...figures, ...opsVerdict.figures };
    } else if (health.ok && !(ops.ok && ops.status === 404)) {
      // /health answered but /ops/status did not: worth saying, not worth calling the service down.
      findings.push({ status: "degraded", reason: read.finding.reason });
    }
  }

  if (sample && target.sampleProbe) {
    const finding = sampleProbeFinding(target.sampleProbe, sample);
    if (finding) findings.push(finding);
  }

  const latencyMs = health.ok ? health.timings.totalMs : null;
  const tlsExpiresAt = target.checkTlsExpiry && health.ok ? health.certificateValidTo : null;

  const status = worstStatus(findings);
  const ordered = [...findings].sort((a, b) =>
    a.status === b.status ? 0 : a.status === "down" ? -1 : b.status === "down" ? 1 : 0,
  );
  return storableOutcome({
    serviceId: target.id,
    scheduledAt: context.scheduledAt,
    startedAt,
    status,
    reason:
      status === "up"
        ? "all checks passed"
        : ordered
            .filter((finding) => finding.status !== "up")
            .map((finding) => finding.reason)
            .join("; "),
    httpStatus,
    latencyMs,
    timings: health.timings,
    version,
    figures,
    bodySample: status === "up" ? null : failedBody,
    tlsExpiresAt,
    manual: context.manual ?? false,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
