import { z } from "zod";
import { bigintCursorSchema } from "@/lib/validation";
import type { DeployView } from "@/lib/deploys/schema";

export const healthStatuses = ["up", "degraded", "down"] as const;
export type HealthStatus = (typeof healthStatuses)[number];
export const alertStates = ["ok", "failing", "alerting", "recovering"] as const;
export type AlertState = (typeof alertStates)[number];

export const probeProfiles = ["holoscript_mcp", "absorb", "studio", "generic_json", "http"] as const;
export type ProbeProfile = (typeof probeProfiles)[number];
export const profileLabels: Record<ProbeProfile, string> = {
  holoscript_mcp: "HoloScript MCP (/health + /ops/status)",
  absorb: "Absorb (/health, deploy rule)",
  studio: "Studio (/api/health)",
  generic_json: "Generic JSON status (/health)",
  http: "Plain HTTP (any 2xx is up)",
};

/** Alert thresholds a service starts with (runbook section 3 and the SRE workbook's burn rates). */
export const alertDefaults = {
  degradedWarnAfterSeconds: 300,
  flappingStableSeconds: 300,
  latencyWindowSeconds: 300,
  availabilitySlo: 0.999,
  availabilityWindowDays: 30,
  certWarnDays: 14,
  certPageDays: 3,
} as const;

export const alertLevels = ["page", "warning"] as const;
export type AlertLevel = (typeof alertLevels)[number];
export const alertRules = ["down", "degraded", "flapping", "certificate", "burn_fast", "burn_slow"] as const;
export type AlertRule = (typeof alertRules)[number];
export const alertRuleLabels: Record<AlertRule, string> = {
  down: "Down",
  degraded: "Degraded",
  flapping: "Flapping",
  certificate: "Certificate",
  burn_fast: "Fast error-budget burn",
  burn_slow: "Slow error-budget burn",
};

export const intervalLimits = { min: 10, max: 86_400, default: 30 };
export const timeoutLimits = { min: 1, max: 45, default: 10 };

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const checkbox = z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean());
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const serviceLinksSchema = z.object({
  logs: optionalText(500),
  railway: optionalText(500),
  runbook: optionalText(500),
  repository: optionalText(500),
});
export type ServiceLinks = z.infer<typeof serviceLinksSchema>;

export const sampleProbeSchema = z.object({
  method: z.enum(["GET", "POST", "HEAD"]).default("GET"),
  path: z.string().trim().regex(/^\/[^\s]*$/, "Start the path with / and use no spaces.").max(500),
  body: z.preprocess(blankToUndefined, z.string().max(64 * 1024).optional()),
  expectedStatus: z.coerce.number().int().min(100).max(599).default(200),
  latencyBudgetMs: z.coerce.number().int().min(50).max(45_000).default(5_000),
});
export type SampleProbe = z.infer<typeof sampleProbeSchema>;

const httpUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine((value) => URL.canParse(value), "Enter a full URL such as https://mcp.holoscript.net.")
  .refine((value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol), "Only http and https URLs can be checked.")
  .transform((value) => value.replace(/\/+$/, ""));

export const serviceInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name the service.").max(100),
    environment: z.string().trim().min(1).max(40).regex(/^[a-z0-9-]+$/, "Use lower-case letters, digits and dashes.").default("production"),
    baseUrl: httpUrl,
    profile: z.enum(probeProfiles),
    intervalSeconds: z.coerce
      .number()
      .int()
      .min(intervalLimits.min, `Check at most every ${intervalLimits.min} seconds.`)
      .max(intervalLimits.max)
      .default(intervalLimits.default),
    timeoutSeconds: z.coerce
      .number()
      .int()
      .min(timeoutLimits.min, `The timeout is ${timeoutLimits.min} to ${timeoutLimits.max} seconds.`)
      .max(timeoutLimits.max, `The timeout is ${timeoutLimits.min} to ${timeoutLimits.max} seconds.`)
      .default(timeoutLimits.default),
    latencySloMs: z.coerce.number().int().min(50).max(60_000).default(3_000),
    failureThreshold: z.coerce.number().int().min(1).max(10).default(2),
    recoveryThreshold: z.coerce.number().int().min(1).max(10).default(2),
    enabled: checkbox.default(true),
    tags: z.array(z.string().trim().toLowerCase().min(1).max(40).regex(/^[a-z0-9:_.-]+$/, "Tags use letters, digits and : _ . -")).max(20).default([]),
    links: serviceLinksSchema.default({}),
    sampleProbe: sampleProbeSchema.nullable().default(null),
    checkTlsExpiry: checkbox.default(true),
    degradedWarnAfterSeconds: z.coerce.number().int().min(60, "Warn after at least 60 seconds.").max(86_400).default(alertDefaults.degradedWarnAfterSeconds),
    flappingStableSeconds: z.coerce.number().int().min(60, "At least 60 seconds of the same result.").max(86_400).default(alertDefaults.flappingStableSeconds),
    latencyWindowSeconds: z.coerce.number().int().min(60, "A window of at least 60 seconds.").max(3_600).default(alertDefaults.latencyWindowSeconds),
    availabilitySlo: z.coerce
      .number()
      .min(0.9, "An availability SLO between 90 % and 99.999 %.")
      .max(0.99999, "An availability SLO between 90 % and 99.999 %.")
      .default(alertDefaults.availabilitySlo),
    availabilityWindowDays: z.coerce.number().int().min(1).max(90).default(alertDefaults.availabilityWindowDays),
    certWarnDays: z.coerce.number().int().min(1).max(90).default(alertDefaults.certWarnDays),
    certPageDays: z.coerce.number().int().min(0).max(60).default(alertDefaults.certPageDays),
    /** The escalation policy its pages follow; null (or blank) follows the default policy. */
    escalationPolicyId: z.preprocess((value) => (value === "" ? null : value), z.string().uuid("Choose a policy from the list.").nullable()).default(null),
  })
  .refine((input) => input.certPageDays < input.certWarnDays, {
    path: ["certPageDays"],
    message: "Page closer to expiry than the warning (fewer days).",
  })
  .refine((input) => input.timeoutSeconds < input.intervalSeconds, {
    path: ["timeoutSeconds"],
    message: "The timeout must be shorter than the interval.",
  });
export type ServiceInput = z.input<typeof serviceInputSchema>;
export type ServiceConfig = z.output<typeof serviceInputSchema>;

export const serviceVersionSchema = z.object({ version: z.coerce.number().int().min(1) });

/** Flat form fields (tags as "a, b", links.logs, sampleProbe.path …) into the nested input the schema takes. */
export function serviceInputFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const text = (key: string) => (typeof form[key] === "string" ? (form[key] as string) : undefined);
  const nested = (prefix: string) =>
    Object.fromEntries(
      Object.entries(form)
        .filter(([key]) => key.startsWith(`${prefix}.`))
        .map(([key, value]) => [key.slice(prefix.length + 1), value]),
    );
  const sampleProbe = nested("sampleProbe");
  return {
    ...Object.fromEntries(Object.entries(form).filter(([key]) => !key.includes("."))),
    enabled: form.enabled ?? false,
    checkTlsExpiry: form.checkTlsExpiry ?? false,
    tags: (text("tags") ?? "")
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
    links: nested("links"),
    sampleProbe: typeof sampleProbe.path === "string" && sampleProbe.path.trim() !== "" ? sampleProbe : null,
  };
}

export const checksQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: bigintCursorSchema.optional(),
});

export const latencyRanges = ["1h", "24h", "7d", "30d"] as const;
export type LatencyRange = (typeof latencyRanges)[number];

export const statusFilterSchema = z.object({
  environment: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  tag: z.preprocess(blankToUndefined, z.string().max(40).optional()),
});
export type StatusFilter = z.infer<typeof statusFilterSchema>;

export const allowRuleInputSchema = z.object({
  rule: z.string().trim().min(1, "Enter an address, a CIDR range or host:port.").max(200),
  note: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
});

export type Timings = { dnsMs?: number; connectMs?: number; tlsMs?: number; firstByteMs?: number; totalMs: number };
export type KeyFigures = Record<string, string | number | boolean | null>;

export type ServiceConfigView = ServiceConfig & { id: string; version: number; createdAt: string; updatedAt: string };

/** One check (or figure) behind an alert: what a person reads to trust it. */
export type AlertEvidence = { at: string; status: HealthStatus | null; reason: string; checkId?: string };

export type AlertView = {
  id: string;
  serviceId: string;
  rule: AlertRule;
  level: AlertLevel;
  /** In words: "paging: 2 consecutive scheduled checks failed: /health: connection refused". */
  reason: string;
  evidence: AlertEvidence[];
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
};

/** Error ratio over a window divided by the ratio the SLO allows (1 = spending the budget exactly on time). */
export type BurnRates = { fastLong: number | null; fastShort: number | null; slowLong: number | null; slowShort: number | null; at: string };

export const baselineSources = ["observed", "deploy", "accepted"] as const;
export type BaselineSource = (typeof baselineSources)[number];
export type FigureBaseline = { figure: string; value: number; source: BaselineSource; setAt: string };
export type BaselineView = FigureBaseline & { acceptedBy: string | null; reason: string | null; current: number | null; dropped: boolean };

export const acceptBaselineSchema = z.object({
  figure: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(3, "Say why the new figure is right (at least 3 characters).").max(500),
});
export const alertListQuerySchema = z.object({
  state: z.enum(["open", "ended", "all"]).default("open"),
  serviceId: z.preprocess(blankToUndefined, z.string().uuid("Not a service id.").optional()),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;
export type AlertListItem = AlertView & { serviceName: string };

export type AcceptBaselineInput = z.infer<typeof acceptBaselineSchema>;

export type ServiceTile = {
  id: string;
  name: string;
  environment: string;
  profile: ProbeProfile;
  baseUrl: string;
  tags: string[];
  enabled: boolean;
  status: HealthStatus | "unknown";
  reason: string | null;
  alertState: AlertState;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  failureThreshold: number;
  recoveryThreshold: number;
  flapping: boolean;
  lastCheckedAt: string | null;
  stateSince: string;
  statusSince: string | null;
  intervalSeconds: number;
  lastLatencyMs: number | null;
  p95LastHourMs: number | null;
  latencySloMs: number;
  uptime: { day: number | null; week: number | null; month: number | null };
  version: string | null;
  figures: KeyFigures;
  sparkline: number[];
  tlsExpiresAt: string | null;
  /** Open alerts, pages first: each with its reason and evidence. */
  alerts: AlertView[];
  /** The newest scheduled check applied to the counters, and when the next one is due. */
  lastCountedAt: string | null;
  nextCheckAt: string | null;
  flappingSince: string | null;
  /** When the version and figures were last read: older than lastCheckedAt on a down tile. */
  figuresAt: string | null;
  /** The first check ever stored: uptime over a window not yet full says how much it covers. */
  firstCheckedAt: string | null;
  lastFailure: { at: string; reason: string } | null;
  /** p95 over the latency window from the stored histograms, and whether it is over the SLO. */
  latencyWindow: { seconds: number; p95Ms: number | null; breached: boolean };
  availability: { target: number; windowDays: number; uptime: number | null; budgetRemaining: number | null; burn: BurnRates | null };
  certificate: { expiresAt: string; level: "ok" | AlertLevel; warnDays: number; pageDays: number } | null;
  /** The newest deploy of this service still in flight: the tile's "deploying now". */
  deploying: { id: string; number: number; label: string; startedAt: string } | null;
  /** A maintenance window covers the service until then: checks run, nothing pages or warns. */
  maintenanceUntil: string | null;
};

export type MonitorHealth = {
  /** True when any of the three below holds: one banner, never an alert per service. */
  degraded: boolean;
  /** Most services fail at once: more likely Vigil's own network or DNS (since and reason describe it). */
  fleetFailing: boolean;
  failingShare: number;
  since: string | null;
  reason: string | null;
  /** Check results the writer could not store, counted since `since` until it has been quiet a while. */
  unstored: { count: number; since: string; lastAt: string | null; reason: string | null } | null;
  /** Enabled services with no result stored for three intervals: their tiles show unknown. */
  stale: { services: number; oldestAt: string } | null;
};

export type StatusSummary = {
  generatedAt: string;
  tiles: ServiceTile[];
  counts: Record<HealthStatus | "unknown", number>;
  alerting: number;
  monitor: MonitorHealth;
  environments: string[];
  tags: string[];
};

export type CheckView = {
  id: string;
  scheduledAt: string;
  startedAt: string;
  status: HealthStatus;
  reason: string;
  httpStatus: number | null;
  latencyMs: number | null;
  timings: Timings | null;
  version: string | null;
  figures: KeyFigures | null;
  bodySample: string | null;
  manual: boolean;
  /** Taken while a maintenance window covered the service. */
  inMaintenance: boolean;
};

export type HealthEventView = {
  id: string;
  serviceId: string | null;
  serviceName: string | null;
  kind: string;
  fromState: AlertState | null;
  toState: AlertState | null;
  status: HealthStatus | null;
  reason: string;
  at: string;
};

export type LatencyPoint = { bucket: string; count: number; avgMs: number | null; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };
/**
 * One UTC day. `maintenance`: checks taken in a maintenance window; when `maintenanceExcluded` (the team setting),
 * total, down, degraded and uptime leave them out.
 */
export type UptimeDay = { day: string; total: number; down: number; degraded: number; maintenance: number; maintenanceExcluded: boolean; uptime: number | null };

export type ServiceDetail = {
  service: ServiceConfigView;
  tile: ServiceTile;
  events: HealthEventView[];
  uptimeDays: UptimeDay[];
  /** The service's latest deploys, newest first. */
  deploys: DeployView[];
  /** Recently ended alerts, newest first (the open ones are on the tile). */
  pastAlerts: AlertView[];
  baselines: BaselineView[];
};

export type AllowRuleView = { id: string; rule: string; note: string; createdAt: string };
