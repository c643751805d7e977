import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { getDeploy } from "@/lib/deploys/data";
import { recordDeploy, updateDeploy } from "@/lib/deploys/mutations";
import { runSmokeCheck } from "@/lib/deploys/smoke";
import { createService } from "@/lib/services/mutations";
import { checkServiceNow } from "@/lib/health/check-now";
import type { ProbeProfile } from "@/lib/health/labels";
import { declareIncident } from "@/lib/incidents/mutations";
import type { Simulator } from "@/dev/simulator/fleet";
import { makeUser } from "@/test/fixtures";
import { startReachableSimulator } from "@/test/simulator";

const system = { id: null, label: "vitest" };
let simulator: Simulator;
let responder: Actor;

let stopSimulator = async () => {};
afterAll(() => stopSimulator());

beforeAll(async () => {
  ({ simulator, stop: stopSimulator } = await startReachableSimulator({
    targets: [
      { id: "mcp", kind: "mcp" },
      { id: "generic", kind: "generic" },
    ],
  }));
  responder = await makeUser("responder", "smoke");
});

async function serviceOn(
  target: "mcp" | "generic",
  profile: ProbeProfile = target === "mcp" ? "holoscript_mcp" : "generic_json",
) {
  return createService(system, {
    name: `MCP ${randomUUID().slice(0, 6)}`,
    baseUrl: simulator.urlOf(target),
    profile,
    environment: "test",
    timeoutSeconds: 3,
  });
}

async function startedDeploy(serviceId: string) {
  return (await recordDeploy(responder, { service: serviceId, version: "v1.2.3", who: "ci-bot" }))
    .deploy;
}

describe("the post-deploy smoke check against the simulator", () => {
  it("re-checks the service when a deploy succeeds and keeps the result: up", async () => {
    await simulator.setBehaviour("mcp", { mode: "healthy" });
    const service = await serviceOn("mcp");
    const { incident } = await declareIncident(responder, {
      title: "Slow tools",
      severity: "sev2",
      serviceIds: [service.id],
    });
    const deploy = await startedDeploy(service.id);
    const before = simulator.requestCount("mcp", "/health");

    const succeeded = await updateDeploy(responder, deploy.id, { status: "succeeded" });

    expect(simulator.requestCount("mcp", "/health")).toBeGreaterThan(before);
    expect(succeeded.status).toBe("succeeded");
    expect(succeeded.smoke).toMatchObject({ status: "up", reason: "all checks passed" });
    expect(succeeded.smoke?.latencyMs).toEqual(expect.any(Number));
    expect(succeeded.smokeSummary).toBe(
      `post-deploy smoke: up in ${succeeded.smoke?.latencyMs} ms`,
    );
    expect(await getDeploy(deploy.id)).toMatchObject({
      smoke: succeeded.smoke,
      smokeSummary: succeeded.smokeSummary,
    });
    const check = await db.checkResult.findFirstOrThrow({
      where: { serviceId: service.id },
      orderBy: { id: "desc" },
    });
    expect(check).toMatchObject({ status: "up", manual: true });
    // A green deploy sets the tool count's baseline to what its smoke check saw.
    expect(
      await db.serviceBaseline.findUnique({
        where: { serviceId_figure: { serviceId: service.id, figure: "tools" } },
      }),
    ).toMatchObject({ value: 234, source: "deploy" });
    const entries = await db.timelineEntry.findMany({
      where: { incidentId: incident.id, kind: "deploy" },
      orderBy: { id: "asc" },
    });
    expect(entries.map((entry) => entry.body)).toEqual([
      expect.stringMatching(/started by ci-bot/),
      expect.stringMatching(/by ci-bot succeeded$/),
      `Deploy #${deploy.number} of ${service.name} v1.2.3: ${succeeded.smokeSummary}`,
    ]);
  });

  it("records a 502 as down without failing the status change", async () => {
    const service = await serviceOn("mcp");
    const deploy = await startedDeploy(service.id);
    await simulator.setBehaviour("mcp", { mode: "http-502-html" });
    try {
      const succeeded = await updateDeploy(responder, deploy.id, { status: "succeeded" });
      expect(succeeded.status).toBe("succeeded");
      expect(succeeded.smoke).toMatchObject({ status: "down", latencyMs: expect.any(Number) });
      expect(succeeded.smoke?.reason).toMatch(/HTTP 502 error page from the edge/);
      expect(succeeded.smokeSummary).toBe("post-deploy smoke: down (HTTP 502)");
    } finally {
      await simulator.setBehaviour("mcp", { mode: "healthy" });
    }
  });

  it("runs when a deploy is recorded as succeeded straight away, and says why when the target refuses connections", async () => {
    const service = await serviceOn("generic");
    await simulator.setBehaviour("generic", { mode: "down" });
    try {
      const { deploy } = await recordDeploy(responder, {
        service: service.id,
        commit: "abcdef1234",
        status: "succeeded",
      });
      expect(deploy.smoke?.status).toBe("down");
      expect(deploy.smokeSummary).toMatch(/^post-deploy smoke: down \(.*connection refused.*\)$/);
    } finally {
      await simulator.setBehaviour("generic", { mode: "healthy" });
    }
  });

  it("waits for a check already running and retries once", async () => {
    const service = await serviceOn("generic");
    const deploy = await startedDeploy(service.id);
    await simulator.setBehaviour("generic", { mode: "slow", delayMs: 700 });
    try {
      const arrived = new Promise<void>((resolve) => {
        const stop = simulator.onRequest(() => {
          stop();
          resolve();
        });
      });
      const running = checkServiceNow(system, service.id);
      await arrived;
      const started = performance.now();
      const succeeded = await updateDeploy(responder, deploy.id, { status: "succeeded" });
      // The first attempt met the running check and waited before its one retry.
      expect(performance.now() - started).toBeGreaterThan(1_400);
      expect((await running).status).toBe("up");
      expect(succeeded.smoke?.status).toBe("up");
      expect(await db.checkResult.count({ where: { serviceId: service.id, manual: true } })).toBe(
        2,
      );
    } finally {
      await simulator.setBehaviour("generic", { mode: "healthy" });
    }
  });

  it("records an error, never throws, when Vigil may not reach the service", async () => {
    const service = await serviceOn("generic");
    const deploy = await startedDeploy(service.id);
    // Point the service somewhere no allow rule covers, behind createService's back.
    await db.service.update({
      where: { id: service.id },
      data: { baseUrl: "http://10.255.255.1" },
    });
    const result = await runSmokeCheck(deploy.id);
    expect(result.smoke).toMatchObject({ status: "error", latencyMs: null });
    expect(result.smokeSummary).toMatch(/^post-deploy smoke: not run \(.+\)$/);
  });
});
