import type { DeployView } from "@/lib/deploys/types";
import type {
  acceptBaselineSchema,
  alertListQuerySchema,
  statusFilterSchema,
} from "@/lib/health/schema";
import type { ServiceConfigView } from "@/lib/services/types";
import type { z } from "zod";
import type {
  AlertLevel,
  AlertRule,
  AlertState,
  BaselineSource,
  HealthStatus,
  ProbeProfile,
} from "@/lib/health/labels";

export type {
  AlertLevel,
  AlertRule,
  AlertState,
  BaselineSource,
  HealthStatus,
  LatencyRange,
  ProbeProfile,
} from "@/lib/health/labels";

export type StatusFilter = z.infer<typeof statusFilterSchema>;
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;
export type Timings = {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  totalMs: number;
};
export type KeyFigures = Record<string, string | number | boolean | null>;

/** One check (or figure) behind an alert: what a person reads to trust it. */
export type AlertEvidence = {
  at: string;
  status: HealthStatus | null;
  reason: string;
  checkId?: string;
};

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
export type BurnRates = {
  fastLong: number | null;
  fastShort: number | null;
  slowLong: number | null;
  slowShort: number | null;
  at: string;
};

export type FigureBaseline = {
  figure: string;
  value: number;
  source: BaselineSource;
  setAt: string;
};
export type BaselineView = FigureBaseline & {
  acceptedBy: string | null;
  reason: string | null;
  current: number | null;
  dropped: boolean;
};

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
  availability: {
    target: number;
    windowDays: number;
    uptime: number | null;
    budgetRemaining: number | null;
    burn: BurnRates | null;
  };
  certificate: {
    expiresAt: string;
    level: "ok" | AlertLevel;
    warnDays: number;
    pageDays: number;
  } | null;
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

export type LatencyPoint = {
  bucket: string;
  count: number;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
};
/**
 * One UTC day. `maintenance`: checks taken in a maintenance window; when `maintenanceExcluded` (the team setting),
 * total, down, degraded and uptime leave them out.
 */
export type UptimeDay = {
  day: string;
  total: number;
  down: number;
  degraded: number;
  maintenance: number;
  maintenanceExcluded: boolean;
  uptime: number | null;
};

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
