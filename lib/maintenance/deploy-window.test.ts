import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDeploy, updateDeploy } from "@/lib/deploys/mutations";
import { createService } from "@/lib/services/mutations";
import { servicesInMaintenance } from "@/lib/maintenance/data";
import { makeUser, refusal } from "@/test/fixtures";

const vitest = { id: null, label: "vitest" };

async function makeService() {
  return createService(vitest, {
    name: `deploy-mw-${randomUUID().slice(0, 8)}`,
    baseUrl: "https://deploy-window.example.test",
    profile: "http",
    environment: "maintenance-test",
  });
}

describe("a deploy's maintenance window", () => {
  it("opens for 15 minutes by default when a starting deploy asks, and closes when the deploy succeeds, in the same transaction, audited", async () => {
    const responder = await makeUser("responder");
    const service = await makeService();
    const before = Date.now();
    const { deploy } = await recordDeploy(responder, {
      service: service.id,
      version: "v2.0.0",
      maintenance: true,
    });
    const window = await db.maintenanceWindow.findUniqueOrThrow({
      where: { deployId: deploy.id },
      include: { services: true },
    });
    expect(window.services.map((link) => link.serviceId)).toEqual([service.id]);
    expect(window.endsAt.getTime() - window.startsAt.getTime()).toBe(15 * 60_000);
    expect(window.startsAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(window.reason).toBe(`Deploy #${deploy.number} of ${service.name} v2.0.0`);
    expect((await servicesInMaintenance(new Date(), db, [service.id])).get(service.id)).toEqual(
      window.endsAt,
    );

    await updateDeploy(responder, deploy.id, { status: "succeeded", skipSmoke: true });
    const closed = await db.maintenanceWindow.findUniqueOrThrow({ where: { id: window.id } });
    expect(closed.endedAt).not.toBeNull();
    expect(closed.endedById).toBe(responder.id);
    expect((await servicesInMaintenance(new Date(), db, [service.id])).size).toBe(0);
    const audit = await db.auditLog.findMany({
      where: { targetId: window.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => row.action)).toEqual(["maintenance.create", "maintenance.end"]);
    expect(audit[1]?.details).toMatchObject({ reason: "the deploy finished" });
  });

  it("closes when the deploy fails or is rolled back; asks for at most 120 minutes; never for a deploy recorded as finished", async () => {
    const responder = await makeUser("responder");
    const service = await makeService();
    const failed = (
      await recordDeploy(responder, {
        service: service.id,
        version: "v2.1.0",
        maintenance: "true",
        maintenanceMinutes: "45",
      })
    ).deploy;
    const window = await db.maintenanceWindow.findUniqueOrThrow({ where: { deployId: failed.id } });
    expect(window.endsAt.getTime() - window.startsAt.getTime()).toBe(45 * 60_000);
    await updateDeploy(responder, failed.id, { status: "failed" });
    expect(
      (await db.maintenanceWindow.findUniqueOrThrow({ where: { id: window.id } })).endedAt,
    ).not.toBeNull();

    const rolled = (
      await recordDeploy(responder, { service: service.id, version: "v2.1.1", maintenance: true })
    ).deploy;
    await updateDeploy(responder, rolled.id, { status: "rolled_back" });
    expect(
      (await db.maintenanceWindow.findUniqueOrThrow({ where: { deployId: rolled.id } })).endedAt,
    ).not.toBeNull();

    const tooLong = await refusal(
      recordDeploy(responder, {
        service: service.id,
        version: "v3",
        maintenance: true,
        maintenanceMinutes: 121,
      }),
    );
    expect(tooLong.fields?.maintenanceMinutes?.[0]).toMatch(/At most 120 minutes/);
    const finished = await refusal(
      recordDeploy(responder, {
        service: service.id,
        version: "v3",
        status: "succeeded",
        maintenance: true,
      }),
    );
    expect(finished.fields?.maintenance?.[0]).toMatch(/Only a deploy that starts/);

    const plain = (await recordDeploy(responder, { service: service.id, version: "v4" })).deploy;
    expect(await db.maintenanceWindow.count({ where: { deployId: plain.id } })).toBe(0);
  });
});
