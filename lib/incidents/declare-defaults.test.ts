import { describe, expect, it } from "vitest";
import type { AlertView, ServiceTile } from "@/lib/health/types";
import {
  declareDefaultsFromTile,
  isDeclarable,
  severityFor,
} from "@/lib/incidents/declare-defaults";
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
    alerts: [],
    lastCountedAt: "2026-11-28T14:06:00.000Z",
    nextCheckAt: "2026-11-28T14:06:30.000Z",
    flappingSince: null,
    figuresAt: "2026-11-28T14:06:00.000Z",
    firstCheckedAt: "2026-11-01T00:00:00.000Z",
    lastFailure: null,
    latencyWindow: { seconds: 300, p95Ms: 140, breached: false },
    availability: { target: 0.999, windowDays: 30, uptime: 1, budgetRemaining: 1, burn: null },
    certificate: null,
    deploying: null,
    maintenanceUntil: null,
    ...overrides,
  };
}

function alert(rule: AlertView["rule"], level: AlertView["level"], reason: string): AlertView {
  return {
    id: `alert-${rule}`,
    serviceId: "7a4c2f4e-0c1b-4c57-9a35-2f0f3f1f7e10",
    rule,
    level,
    reason,
    evidence: [],
    startedAt: "2026-11-28T13:40:00.000Z",
    endedAt: null,
    endReason: null,
  };
}

const downPage = alert(
  "down",
  "page",
  "paging: 2 consecutive scheduled checks failed: Connection refused (ECONNREFUSED)",
);
const flappingWarning = alert(
  "flapping",
  "warning",
  "flapping: passing and failing in turn since 13:40 UTC; judged again after 5 min of the same result",
);
const certificatePage = alert(
  "certificate",
  "page",
  "certificate expires in 2 days (Fri 14:00 UTC)",
);
const certificateWarning = alert(
  "certificate",
  "warning",
  "certificate expires in 10 days (2026-12-08 Tue 14:00 UTC)",
);
const fastBurn = alert("burn_fast", "page", "error budget burning fast: 20x over 1 h and 5 min");

describe("isDeclarable", () => {
  it("offers a declaration while a service is down, degraded, failing or paging, never when healthy or disabled", () => {
    expect(isDeclarable(tile({ status: "down", alertState: "alerting" }))).toBe(true);
    expect(isDeclarable(tile({ status: "down", alertState: "failing" }))).toBe(true);
    expect(isDeclarable(tile({ status: "degraded" }))).toBe(true);
    expect(isDeclarable(tile({ status: "up" }))).toBe(false);
    expect(isDeclarable(tile({ status: "unknown" }))).toBe(false);
    expect(isDeclarable(tile({ status: "up", alertState: "recovering" }))).toBe(false);
    expect(isDeclarable(tile({ status: "down", alertState: "alerting", enabled: false }))).toBe(
      false,
    );
  });

  it("offers it on a passing service with an open alert (flapping, a certificate), never on a disabled one", () => {
    expect(isDeclarable(tile({ status: "up", flapping: true, alerts: [flappingWarning] }))).toBe(
      true,
    );
    expect(isDeclarable(tile({ status: "up", alerts: [certificateWarning] }))).toBe(true);
    expect(isDeclarable(tile({ status: "up", alerts: [certificatePage], enabled: false }))).toBe(
      false,
    );
  });
});

describe("severityFor", () => {
  it("makes an outage SEV1 and a degradation SEV2", () => {
    expect(severityFor(tile({ status: "down", alertState: "failing" }))).toBe("sev1");
    expect(
      severityFor(tile({ status: "degraded", alertState: "alerting", alerts: [downPage] })),
    ).toBe("sev1");
    expect(severityFor(tile({ status: "degraded", alerts: [fastBurn] }))).toBe("sev1");
    expect(severityFor(tile({ status: "degraded" }))).toBe("sev2");
    expect(severityFor(tile({ status: "up" }))).toBeNull();
  });

  it("is SEV1 only while the service is down: counters alone or a page on a passing service are not an outage", () => {
    expect(severityFor(tile({ status: "degraded", alertState: "alerting" }))).toBe("sev2");
    expect(severityFor(tile({ status: "degraded", alerts: [certificatePage] }))).toBe("sev2");
    expect(severityFor(tile({ status: "up", alertState: "recovering", alerts: [downPage] }))).toBe(
      "sev2",
    );
    expect(severityFor(tile({ status: "up", alerts: [certificatePage] }))).toBe("sev2");
    expect(severityFor(tile({ status: "up", alerts: [fastBurn] }))).toBe("sev2");
    expect(
      severityFor(
        tile({ status: "up", flapping: true, alertState: "alerting", alerts: [flappingWarning] }),
      ),
    ).toBe("sev2");
    expect(severityFor(tile({ status: "up", alerts: [certificateWarning] }))).toBe("sev3");
  });
});

describe("declareDefaultsFromTile", () => {
  it("pre-fills an alerting service as SEV1 with its failing reason and since when", () => {
    const defaults = declareDefaultsFromTile(
      tile({
        status: "down",
        alertState: "alerting",
        consecutiveFailures: 3,
        reason: "Connection refused (ECONNREFUSED).",
      }),
    );
    expect(defaults.title).toBe("Absorb down: Connection refused (ECONNREFUSED)");
    expect(defaults.severity).toBe("sev1");
    expect(defaults.serviceIds).toEqual(["7a4c2f4e-0c1b-4c57-9a35-2f0f3f1f7e10"]);
    expect(defaults.summary).toBe(
      "Absorb has been down since 2026-11-28 14:05 UTC: Connection refused (ECONNREFUSED). Monitoring: Alerting: 3 consecutive checks failed (since 2026-11-28 14:05 UTC).",
    );
  });

  it("pre-fills a degraded service as SEV2 without claiming an alert", () => {
    const defaults = declareDefaultsFromTile(
      tile({ status: "degraded", reason: "Database degraded" }),
    );
    expect(defaults.title).toBe("Absorb degraded: Database degraded");
    expect(defaults.severity).toBe("sev2");
    expect(defaults.summary).toBe(
      "Absorb has been degraded since 2026-11-28 14:05 UTC: Database degraded.",
    );
  });

  it("pre-fills a flapping service that passes from its last failing reason, SEV2, never 'all checks passed'", () => {
    const defaults = declareDefaultsFromTile(
      tile({
        status: "up",
        reason: "All checks passed.",
        flapping: true,
        flappingSince: "2026-11-28T13:40:00.000Z",
        alerts: [flappingWarning],
        lastFailure: { at: "2026-11-28T14:02:00.000Z", reason: "/health: connection reset." },
      }),
    );
    expect(defaults.title).toBe("Absorb flapping: /health: connection reset");
    expect(defaults.severity).toBe("sev2");
    expect(defaults.summary).toBe(
      "Absorb is passing its checks but has an open warning since 2026-11-28 13:40 UTC: flapping: passing and failing in turn since 13:40 UTC; " +
        "judged again after 5 min of the same result; last failed check 2026-11-28 14:02 UTC: /health: connection reset.",
    );
    expect(`${defaults.title} ${defaults.summary}`).not.toMatch(/all checks passed/i);
  });

  it("pre-fills a certificate page on a passing service from the alert's reason, SEV2", () => {
    const defaults = declareDefaultsFromTile(
      tile({
        status: "up",
        reason: "All checks passed",
        alerts: [certificatePage, flappingWarning],
      }),
    );
    expect(defaults.title).toBe(
      "Absorb certificate: certificate expires in 2 days (Fri 14:00 UTC)",
    );
    expect(defaults.severity).toBe("sev2");
    expect(defaults.summary).toBe(
      "Absorb is passing its checks but has an open page since 2026-11-28 13:40 UTC: certificate expires in 2 days (Fri 14:00 UTC). " +
        "Also open: warning since 2026-11-28 13:40 UTC: flapping: passing and failing in turn since 13:40 UTC; judged again after 5 min of the same result.",
    );
  });

  it("names the open page in the summary of a down service, without its level word in the title", () => {
    const defaults = declareDefaultsFromTile(
      tile({
        status: "down",
        alertState: "alerting",
        consecutiveFailures: 2,
        reason: "Connection refused (ECONNREFUSED).",
        alerts: [downPage],
      }),
    );
    expect(defaults.title).toBe("Absorb down: Connection refused (ECONNREFUSED)");
    expect(defaults.severity).toBe("sev1");
    expect(defaults.summary).toMatch(
      /Monitoring: Alerting: 2 consecutive checks failed \(since 2026-11-28 14:05 UTC\)\. Open alerts: page since 2026-11-28 13:40 UTC: 2 consecutive scheduled checks failed: Connection refused \(ECONNREFUSED\)\.$/,
    );
  });

  it("keeps only the service for a healthy one, and a long reason within the title limit the declare form accepts", () => {
    expect(declareDefaultsFromTile(tile({}))).toEqual({
      title: "",
      severity: null,
      serviceIds: ["7a4c2f4e-0c1b-4c57-9a35-2f0f3f1f7e10"],
      summary: "",
    });
    const defaults = declareDefaultsFromTile(tile({ status: "down", reason: "x".repeat(400) }));
    expect(defaults.title.length).toBe(200);
    const parsed = declareIncidentSchema.safeParse({
      title: defaults.title,
      severity: defaults.severity,
      summary: defaults.summary,
    });
    expect(parsed.success).toBe(true);
  });
});
