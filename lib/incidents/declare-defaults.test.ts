import { describe, expect, it } from "vitest";
import type { ServiceTile } from "@/lib/health/schema";
import { declareDefaultsFromTile, isDeclarable, severityFor } from "@/lib/incidents/declare-defaults";
import { declareIncidentSchema } from "@/lib/incidents/schema";

function tile(overrides: Partial<ServiceTile>): ServiceTile {
  return {
    id: "7a4c2f4e-0c1b-4c57-9a35-2f0f3f1f7e10",
    name: "Absorb",
    environment: "production",
    profile: "absorb",
    baseUrl: "https://absorb.example",
    tags: [],
    enabled: true,
    status: "up",
    reason: null,
    alertState: "ok",
    consecutiveFailures: 0,
    consecutiveSuccesses: 5,
    failureThreshold: 2,
    recoveryThreshold: 2,
    flapping: false,
    lastCheckedAt: "2026-11-28T14:06:00.000Z",
    stateSince: "2026-11-28T14:05:30.000Z",
    statusSince: "2026-11-28T14:05:00.000Z",
    intervalSeconds: 30,
    lastLatencyMs: 120,
    p95LastHourMs: 150,
    latencySloMs: 2_000,
    uptime: { day: 1, week: 1, month: 1 },
    version: null,
    figures: {},
    sparkline: [],
    tlsExpiresAt: null,
    deploying: null,
    ...overrides,
  };
}

describe("isDeclarable", () => {
  it("offers a declaration while a service is down, degraded, failing or paging, never when healthy or disabled", () => {
    expect(isDeclarable(tile({ status: "down", alertState: "alerting" }))).toBe(true);
    expect(isDeclarable(tile({ status: "down", alertState: "failing" }))).toBe(true);
    expect(isDeclarable(tile({ status: "degraded" }))).toBe(true);
    expect(isDeclarable(tile({ status: "up" }))).toBe(false);
    expect(isDeclarable(tile({ status: "unknown" }))).toBe(false);
    expect(isDeclarable(tile({ status: "up", alertState: "recovering" }))).toBe(false);
    expect(isDeclarable(tile({ status: "down", alertState: "alerting", enabled: false }))).toBe(false);
  });
});

describe("severityFor", () => {
  it("makes an outage or a page SEV1 and a degradation SEV2", () => {
    expect(severityFor(tile({ status: "down", alertState: "failing" }))).toBe("sev1");
    expect(severityFor(tile({ status: "degraded", alertState: "alerting" }))).toBe("sev1");
    expect(severityFor(tile({ status: "degraded" }))).toBe("sev2");
    expect(severityFor(tile({ status: "up" }))).toBeNull();
  });
});

describe("declareDefaultsFromTile", () => {
  it("pre-fills an alerting service as SEV1 with its failing reason and since when", () => {
    const defaults = declareDefaultsFromTile(
      tile({ status: "down", alertState: "alerting", consecutiveFailures: 3, reason: "Connection refused (ECONNREFUSED)." }),
    );
    expect(defaults.title).toBe("Absorb down: Connection refused (ECONNREFUSED)");
    expect(defaults.severity).toBe("sev1");
    expect(defaults.serviceIds).toEqual(["7a4c2f4e-0c1b-4c57-9a35-2f0f3f1f7e10"]);
    expect(defaults.summary).toBe(
      "Absorb has been down since 2026-11-28 14:05 UTC: Connection refused (ECONNREFUSED). Monitoring: Alerting: 3 consecutive checks failed (since 2026-11-28 14:05 UTC).",
    );
  });

  it("pre-fills a degraded service as SEV2 without claiming an alert", () => {
    const defaults = declareDefaultsFromTile(tile({ status: "degraded", reason: "Database degraded" }));
    expect(defaults.title).toBe("Absorb degraded: Database degraded");
    expect(defaults.severity).toBe("sev2");
    expect(defaults.summary).toBe("Absorb has been degraded since 2026-11-28 14:05 UTC: Database degraded.");
  });

  it("keeps only the service for a healthy one, and a long reason within the title limit the declare form accepts", () => {
    expect(declareDefaultsFromTile(tile({}))).toEqual({ title: "", severity: null, serviceIds: ["7a4c2f4e-0c1b-4c57-9a35-2f0f3f1f7e10"], summary: "" });
    const defaults = declareDefaultsFromTile(tile({ status: "down", reason: "x".repeat(400) }));
    expect(defaults.title.length).toBe(200);
    const parsed = declareIncidentSchema.safeParse({ title: defaults.title, severity: defaults.severity, summary: defaults.summary });
    expect(parsed.success).toBe(true);
  });
});
