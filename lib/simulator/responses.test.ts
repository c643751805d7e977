import { describe, expect, it } from "vitest";
import { buildResponse, routesByKind, type ResponseContext } from "@/lib/simulator/responses";
import { behaviourSchema, targetKinds, type BehaviourInput } from "@/lib/simulator/schema";

function context(overrides: Partial<ResponseContext> & { behaviour?: BehaviourInput } = {}): ResponseContext {
  const { behaviour, ...rest } = overrides;
  return {
    kind: "mcp",
    route: "health",
    now: Date.parse("2026-05-21T10:00:00Z"),
    uptimeSeconds: 600.25,
    stats: { errors: 0, latency: { p50: 0, p95: 0, p99: 0, sumSeconds: 0, count: 0 } },
    ...rest,
    behaviour: behaviourSchema.parse(behaviour ?? { mode: "healthy" }),
  };
}

function bodyOf(ctx: ResponseContext): Record<string, unknown> {
  const response = buildResponse(ctx);
  if (!("body" in response)) throw new Error("expected a body");
  return JSON.parse(response.body) as Record<string, unknown>;
}

type OpsStatus = {
  status: string;
  regions: { status: string }[];
  anomaly: { activeAnomalies: number };
  securedTools: { requests: number; errors: number; errorRate: number };
  circuitBreakers: { state: string }[];
};

// The contract's rule, applied to what the simulator serves: the status field must agree with the rest.
function derivedStatus(ops: OpsStatus): string {
  if (ops.regions.some((region) => region.status === "critical") || ops.securedTools.errorRate >= 0.5) return "critical";
  if (ops.anomaly.activeAnomalies >= 1 || ops.securedTools.errorRate >= 0.25) return "degraded";
  if (ops.regions.some((region) => region.status === "degraded")) return "degraded";
  if (ops.circuitBreakers.some((breaker) => breaker.state.toLowerCase() === "open")) return "degraded";
  return "healthy";
}

describe("simulated bodies", () => {
  it("malformed-json never parses, on any route of any kind", () => {
    for (const kind of targetKinds) {
      for (const route of new Set(Object.values(routesByKind[kind]))) {
        const response = buildResponse(context({ kind, route, behaviour: { mode: "malformed-json" } }));
        expect(response.contentType).toBe("application/json; charset=utf-8");
        if (!("body" in response)) throw new Error("expected a body");
        expect(() => JSON.parse(response.body)).toThrow();
      }
    }
  });

  it("/ops/status says what its own fields imply", () => {
    for (const mode of ["healthy", "ops-critical", "ops-degraded"] as const) {
      const ops = bodyOf(context({ route: "ops-status", behaviour: { mode } })) as OpsStatus;
      expect(ops.status).toBe(derivedStatus(ops));
      expect(ops.securedTools.errorRate).toBeCloseTo(ops.securedTools.errors / ops.securedTools.requests);
    }
  });

  it("keepAlive.lastPingAt is the last 270 s tick since start", () => {
    const ctx = context({ uptimeSeconds: 600 });
    const keepAlive = bodyOf(ctx).keepAlive as { lastPingAt: string };
    expect(keepAlive.lastPingAt).toBe(new Date(ctx.now - 60_000).toISOString());
  });

  it("a degraded studio drops teamActivity, as the real route does when its query fails", () => {
    const studio = bodyOf(context({ kind: "studio", behaviour: { mode: "degraded", variant: "studio-degraded" } }));
    expect(studio).not.toHaveProperty("teamActivity");
    expect(studio.degraded).toBe(true);
  });
});

describe("behaviour schema", () => {
  it("fills defaults", () => {
    expect(behaviourSchema.parse({ mode: "oversized" })).toEqual({ mode: "oversized", bytes: 5 * 1024 * 1024 });
    expect(behaviourSchema.parse({ mode: "cold-start" })).toEqual({ mode: "cold-start", delayMs: 14_000, idleMs: 300_000 });
    expect(behaviourSchema.parse({ mode: "rich-health" })).toEqual({ mode: "rich-health", status: "healthy" });
    expect(behaviourSchema.parse({ mode: "tools-drop" })).toEqual({ mode: "tools-drop", tools: 12 });
  });

  it("rejects unknown modes, unknown fields and missing delays", () => {
    expect(behaviourSchema.safeParse({ mode: "explode" }).success).toBe(false);
    expect(behaviourSchema.safeParse({ mode: "down", delayMs: 5 }).success).toBe(false);
    expect(behaviourSchema.safeParse({ mode: "slow" }).success).toBe(false);
    expect(behaviourSchema.safeParse({ mode: "degraded", variant: "on-fire" }).success).toBe(false);
  });
});
