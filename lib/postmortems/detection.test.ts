import { describe, expect, it } from "vitest";
import {
  describeDetection,
  detectionFacts,
  impactFacts,
  type HealthSignal,
  type ImpactIncident,
} from "@/lib/postmortems/detection";

const declaredAt = new Date("2026-11-20T14:30:00Z");
const minutesBefore = (minutes: number) => new Date(declaredAt.getTime() - minutes * 60_000);

function signal(
  serviceName: string,
  from: HealthSignal["fromState"],
  to: HealthSignal["toState"],
  at: Date,
  extra: Partial<HealthSignal> = {},
): HealthSignal {
  return {
    serviceId: `id-${serviceName}`,
    serviceName,
    kind: to ?? "monitor",
    fromState: from,
    toState: to,
    status: to === "ok" || to === "recovering" ? "up" : "down",
    reason: `${serviceName} ${to}`,
    suppressed: false,
    at,
    ...extra,
  };
}

describe("detectionFacts", () => {
  it("says the declaration detected it when the health checks saw nothing", () => {
    expect(detectionFacts({ declaredAt, signals: [] })).toEqual({
      impactStartedAt: null,
      firstSignal: null,
      detectedAt: declaredAt.toISOString(),
      detectedBy: "declaration",
      timeToDetectMs: null,
      timeToDeclareMs: null,
    });
  });

  it("dates impact from the first failing check of the streak still going and detection from its first alert", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [
        signal("api", "failing", "alerting", minutesBefore(25)),
        signal("api", "ok", "failing", minutesBefore(26), { reason: "connection refused" }),
      ],
    });
    expect(facts).toEqual({
      impactStartedAt: minutesBefore(26).toISOString(),
      firstSignal: {
        at: minutesBefore(26).toISOString(),
        service: "api",
        state: "failing",
        reason: "connection refused",
      },
      detectedAt: minutesBefore(25).toISOString(),
      detectedBy: "health_alert",
      timeToDetectMs: 60_000,
      timeToDeclareMs: 26 * 60_000,
    });
  });

  it("ignores a streak that ended before the declaration and starts from the one after it", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [
        signal("api", "ok", "failing", minutesBefore(120)),
        signal("api", "failing", "alerting", minutesBefore(119)),
        signal("api", "alerting", "recovering", minutesBefore(100)),
        signal("api", "recovering", "ok", minutesBefore(99)),
        signal("api", "ok", "failing", minutesBefore(10)),
      ],
    });
    expect(facts).toMatchObject({
      impactStartedAt: minutesBefore(10).toISOString(),
      detectedBy: "declaration",
      detectedAt: declaredAt.toISOString(),
      timeToDetectMs: 10 * 60_000,
    });
  });

  it("sees nothing when every streak had cleared by the declaration", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [
        signal("api", "ok", "failing", minutesBefore(5)),
        signal("api", "failing", "ok", minutesBefore(4)),
      ],
    });
    expect(facts).toMatchObject({
      impactStartedAt: null,
      detectedBy: "declaration",
      timeToDeclareMs: null,
    });
  });

  it("keeps a recovering service in its streak and counts an alert again after recovery was interrupted", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [
        signal("api", "ok", "alerting", minutesBefore(40)),
        signal("api", "alerting", "recovering", minutesBefore(30)),
        signal("api", "recovering", "alerting", minutesBefore(20)),
      ],
    });
    expect(facts).toMatchObject({
      impactStartedAt: minutesBefore(40).toISOString(),
      detectedAt: minutesBefore(40).toISOString(),
      detectedBy: "health_alert",
      timeToDetectMs: 0,
    });
  });

  it("takes the earliest start and the earliest alert across the affected services", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [
        signal("web", "ok", "failing", minutesBefore(15)),
        signal("web", "failing", "alerting", minutesBefore(14)),
        signal("api", "ok", "failing", minutesBefore(18)),
        signal("api", "failing", "alerting", minutesBefore(12)),
      ],
    });
    expect(facts).toMatchObject({
      impactStartedAt: minutesBefore(18).toISOString(),
      firstSignal: { service: "api" },
      detectedAt: minutesBefore(14).toISOString(),
      timeToDetectMs: 4 * 60_000,
    });
  });

  it("does not count an alert held back while monitoring was degraded, nor anything after the declaration or outside the window", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [
        signal("api", "ok", "failing", minutesBefore(20)),
        signal("api", "failing", "alerting", minutesBefore(19), { suppressed: true }),
        signal("web", "ok", "alerting", new Date(declaredAt.getTime() + 60_000)),
        signal("db", "ok", "failing", minutesBefore(25 * 60)),
      ],
    });
    expect(facts).toMatchObject({
      impactStartedAt: minutesBefore(20).toISOString(),
      firstSignal: { service: "api" },
      detectedBy: "declaration",
      detectedAt: declaredAt.toISOString(),
    });
  });

  it("counts a failure at the very moment of declaration and ignores events without a state", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [
        signal("api", null, null, minutesBefore(3)),
        signal("api", "ok", "failing", declaredAt),
      ],
    });
    expect(facts).toMatchObject({
      impactStartedAt: declaredAt.toISOString(),
      timeToDeclareMs: 0,
      timeToDetectMs: 0,
    });
  });
});

describe("impactFacts", () => {
  const incident: ImpactIncident = {
    severity: "sev1",
    userImpact: "",
    declaredAt,
    mitigatedAt: new Date(declaredAt.getTime() + 30 * 60_000),
    resolvedAt: new Date(declaredAt.getTime() + 90 * 60_000),
    services: [
      { id: "2", name: "web" },
      { id: "1", name: "api" },
    ],
  };
  const noSignal = detectionFacts({ declaredAt, signals: [] });

  it("runs from the declaration when the health data shows no start, and takes the latest update's affected text", () => {
    expect(
      impactFacts(incident, { latestAffected: "Sign-in and checkout", detection: noSignal }),
    ).toEqual({
      severity: "sev1",
      userVisibleEffect: "Sign-in and checkout",
      services: [
        { id: "1", name: "api" },
        { id: "2", name: "web" },
      ],
      startedAt: declaredAt.toISOString(),
      declaredAt: declaredAt.toISOString(),
      mitigatedAt: incident.mitigatedAt?.toISOString(),
      resolvedAt: incident.resolvedAt?.toISOString(),
      durationMs: 90 * 60_000,
      timeToMitigateMs: 30 * 60_000,
    });
  });

  it("prefers the incident's user impact and starts at the first failing check", () => {
    const detection = detectionFacts({
      declaredAt,
      signals: [signal("api", "ok", "failing", minutesBefore(10))],
    });
    const facts = impactFacts(
      { ...incident, userImpact: "Nobody could sign in" },
      { latestAffected: "api", detection },
    );
    expect(facts).toMatchObject({
      userVisibleEffect: "Nobody could sign in",
      startedAt: minutesBefore(10).toISOString(),
      durationMs: 100 * 60_000,
      timeToMitigateMs: 40 * 60_000,
    });
  });

  it("has no duration while unresolved", () => {
    expect(
      impactFacts(
        { ...incident, resolvedAt: null, mitigatedAt: null },
        { latestAffected: null, detection: noSignal },
      ),
    ).toMatchObject({ durationMs: null, timeToMitigateMs: null, userVisibleEffect: "" });
  });
});

describe("describeDetection", () => {
  it("is empty when the checks saw nothing", () => {
    expect(describeDetection(detectionFacts({ declaredAt, signals: [] }))).toBe("");
  });

  it("says when the checks failed, when Vigil alerted and when the incident was declared", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [
        signal("api", "ok", "failing", minutesBefore(26), { reason: "connection refused" }),
        signal("api", "failing", "alerting", minutesBefore(25)),
      ],
    });
    expect(describeDetection(facts)).toBe(
      "Health checks of api first failed at 2026-11-20 14:04 UTC (connection refused); Vigil alerted 1 min later and the incident was declared 26 min after the first failure.",
    );
  });

  it("says no alert fired when the declaration came first", () => {
    const facts = detectionFacts({
      declaredAt,
      signals: [signal("api", "ok", "failing", minutesBefore(65), { reason: "HTTP 502" })],
    });
    expect(describeDetection(facts)).toBe(
      "Health checks of api first failed at 2026-11-20 13:25 UTC (HTTP 502); no alert fired before the incident was declared 1 h 5 min after the first failure.",
    );
  });
});
