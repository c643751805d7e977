export const healthStatuses = ["up", "degraded", "down"] as const;
export type HealthStatus = (typeof healthStatuses)[number];
export const alertStates = ["ok", "failing", "alerting", "recovering"] as const;
export type AlertState = (typeof alertStates)[number];

export const probeProfiles = [
  "holoscript_mcp",
  "absorb",
  "studio",
  "generic_json",
  "http",
] as const;
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
export const alertRules = [
  "down",
  "degraded",
  "flapping",
  "certificate",
  "burn_fast",
  "burn_slow",
] as const;
export type AlertRule = (typeof alertRules)[number];
export const alertRuleLabels: Record<AlertRule, string> = {
  down: "Down",
  degraded: "Degraded",
  flapping: "Flapping",
  certificate: "Certificate",
  burn_fast: "Fast error-budget burn",
  burn_slow: "Slow error-budget burn",
};

export const latencyRanges = ["1h", "24h", "7d", "30d"] as const;
export type LatencyRange = (typeof latencyRanges)[number];

export const baselineSources = ["observed", "deploy", "accepted"] as const;
export type BaselineSource = (typeof baselineSources)[number];
