import { describe, expect, it } from "vitest";
import {
  buildResponse,
  routeFor,
  routesByKind,
  type ResponseContext,
} from "@/dev/simulator/responses";
import {
  behaviourSchema,
  certificateNotAfter,
  targetKinds,
  targetSpecSchema,
  type BehaviourInput,
} from "@/dev/simulator/schema";

function context(
  overrides: Partial<ResponseContext> & { behaviour?: BehaviourInput } = {},
): ResponseContext {
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
  if (
    ops.regions.some((region) => region.status === "critical") ||
    ops.securedTools.errorRate >= 0.5
  )
    return "critical";
  if (ops.anomaly.activeAnomalies >= 1 || ops.securedTools.errorRate >= 0.25) return "degraded";
  if (ops.regions.some((region) => region.status === "degraded")) return "degraded";
  if (ops.circuitBreakers.some((breaker) => breaker.state.toLowerCase() === "open"))
    return "degraded";
  return "healthy";
}

describe("simulated bodies", () => {
  it("malformed-json never parses, on any route of any kind", () => {
    for (const kind of targetKinds) {
      for (const route of new Set(Object.values(routesByKind[kind]))) {
        const response = buildResponse(
          context({ kind, route, behaviour: { mode: "malformed-json" } }),
        );
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
      expect(ops.securedTools.errorRate).toBeCloseTo(
        ops.securedTools.errors / ops.securedTools.requests,
      );
    }
  });

  it("ops-regions contradicts its own fields on purpose: the word stays healthy, the fields say critical", () => {
    const ops = bodyOf(
      context({
        route: "ops-status",
        behaviour: {
          mode: "ops-regions",
          status: "healthy",
          regions: [
            { id: "a", status: "critical" },
            { id: "b", status: "critical" },
          ],
          errorRate: 0.12345,
          openBreakers: ["webgpu"],
        },
      }),
    ) as OpsStatus;
    expect(ops.status).toBe("healthy");
    expect(derivedStatus(ops)).toBe("critical");
    expect(ops.securedTools).toEqual({ requests: 10_000, errors: 1_235, errorRate: 0.1235 });
  });

  it("answers-as routes the target's own health paths and the other kind's routes, nothing else", () => {
    const asAbsorb = behaviourSchema.parse({ mode: "answers-as", kind: "absorb" });
    expect(routeFor("mcp", asAbsorb, "GET", "/api/health")).toBe("health");
    expect(routeFor("mcp", asAbsorb, "GET", "/ops/status")).toBeUndefined();
    expect(routeFor("studio", asAbsorb, "GET", "/api/health")).toBe("health");
    expect(routeFor("studio", asAbsorb, "GET", "/health")).toBe("health");
    const asMcp = behaviourSchema.parse({ mode: "answers-as", kind: "mcp" });
    expect(routeFor("absorb", asMcp, "GET", "/metrics")).toBe("metrics");
    expect(routeFor("absorb", asMcp, "POST", "/api/compile")).toBe("compile");
    expect(routeFor("absorb", { mode: "healthy" }, "POST", "/api/compile")).toBeUndefined();
    expect(routeFor("mcp", { mode: "healthy" }, "POST", "/health")).toBeUndefined();
  });

  it("keepAlive.lastPingAt is the last 270 s tick since start", () => {
    const ctx = context({ uptimeSeconds: 600 });
    const keepAlive = bodyOf(ctx).keepAlive as { lastPingAt: string };
    expect(keepAlive.lastPingAt).toBe(new Date(ctx.now - 60_000).toISOString());
  });

  it("a degraded studio drops teamActivity, as the real route does when its query fails", () => {
    const studio = bodyOf(
      context({ kind: "studio", behaviour: { mode: "degraded", variant: "studio-degraded" } }),
    );
    expect(studio).not.toHaveProperty("teamActivity");
    expect(studio.degraded).toBe(true);
  });
});

describe("behaviour schema", () => {
  it("fills defaults", () => {
    expect(behaviourSchema.parse({ mode: "oversized" })).toEqual({
      mode: "oversized",
      bytes: 5 * 1024 * 1024,
    });
    expect(behaviourSchema.parse({ mode: "cold-start" })).toEqual({
      mode: "cold-start",
      delayMs: 14_000,
      idleMs: 300_000,
    });
    expect(behaviourSchema.parse({ mode: "rich-health" })).toEqual({
      mode: "rich-health",
      status: "healthy",
    });
    expect(behaviourSchema.parse({ mode: "tools-drop" })).toEqual({
      mode: "tools-drop",
      tools: 12,
    });
    expect(
      behaviourSchema.parse({
        mode: "ops-regions",
        regions: [{ id: "eu-west", status: "critical" }],
      }),
    ).toEqual({
      mode: "ops-regions",
      regions: [{ id: "eu-west", status: "critical" }],
      status: "healthy",
      openBreakers: [],
    });
  });

  it("rejects malformed new behaviours", () => {
    for (const input of [
      { mode: "answers-as" },
      { mode: "answers-as", kind: "generic" },
      { mode: "ops-regions", regions: [] },
      { mode: "ops-regions", regions: [{ id: "x", status: "on-fire" }] },
      { mode: "ops-regions", regions: [{ id: "x", status: "critical", extra: 1 }] },
      { mode: "ops-regions", regions: [{ id: "x", status: "critical" }], errorRate: 1.5 },
      { mode: "ops-regions", regions: [{ id: "x", status: "critical" }], openBreakers: [""] },
      { mode: "compile-404", path: "/x" },
    ]) {
      expect(behaviourSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });
});

describe("target tls", () => {
  it("accepts expiresInDays, notAfter or nothing, never both", () => {
    expect(
      targetSpecSchema.safeParse({ id: "a", kind: "mcp", tls: { expiresInDays: 2 } }).success,
    ).toBe(true);
    expect(
      targetSpecSchema.safeParse({ id: "a", kind: "mcp", tls: { expiresInDays: -0.5 } }).success,
    ).toBe(true);
    expect(
      targetSpecSchema.safeParse({
        id: "a",
        kind: "mcp",
        tls: { notAfter: "2026-06-01T12:00:00+02:00" },
      }).success,
    ).toBe(true);
    expect(targetSpecSchema.safeParse({ id: "a", kind: "mcp", tls: {} }).success).toBe(true);
    for (const tls of [
      { expiresInDays: 2, notAfter: "2026-06-01T12:00:00Z" },
      { notAfter: "next week" },
      { expiresInDays: "2" },
      { days: 2 },
    ]) {
      expect(
        targetSpecSchema.safeParse({ id: "a", kind: "mcp", tls }).success,
        JSON.stringify(tls),
      ).toBe(false);
    }
  });

  it("resolves the expiry to the second", () => {
    const now = Date.parse("2026-05-21T10:00:00.900Z");
    expect(certificateNotAfter({ expiresInDays: 2 }, now).toISOString()).toBe(
      "2026-05-23T10:00:00.000Z",
    );
    expect(certificateNotAfter({ expiresInDays: 0.5 }, now).toISOString()).toBe(
      "2026-05-21T22:00:00.000Z",
    );
    expect(certificateNotAfter({}, now).toISOString()).toBe("2026-08-19T10:00:00.000Z");
    expect(
      certificateNotAfter({ notAfter: "2026-06-01T12:00:00.750+02:00" }, now).toISOString(),
    ).toBe("2026-06-01T10:00:00.000Z");
  });

  it("rejects unknown modes, unknown fields and missing delays", () => {
    expect(behaviourSchema.safeParse({ mode: "explode" }).success).toBe(false);
    expect(behaviourSchema.safeParse({ mode: "down", delayMs: 5 }).success).toBe(false);
    expect(behaviourSchema.safeParse({ mode: "slow" }).success).toBe(false);
    expect(behaviourSchema.safeParse({ mode: "degraded", variant: "on-fire" }).success).toBe(false);
  });
});
