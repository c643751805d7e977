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
  /** The newest deploy of this service still in flight: the tile's "deploying now". */
  deploying: { id: string; number: number; label: string; startedAt: string } | null;
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
export type UptimeDay = { day: string; total: number; down: number; degraded: number; uptime: number | null };

export type ServiceDetail = {
  service: ServiceConfigView;
  tile: ServiceTile;
  events: HealthEventView[];
  uptimeDays: UptimeDay[];
  /** The service's latest deploys, newest first. */
  deploys: DeployView[];
};

export type AllowRuleView = { id: string; rule: string; note: string; createdAt: string };
