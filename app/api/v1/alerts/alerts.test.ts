import { describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/alerts/route";
import { db } from "@/lib/db";
import { createService } from "@/lib/services/mutations";
import type { AlertListItem } from "@/lib/health/types";
import { makeUser } from "@/test/fixtures";
import { createApiToken } from "@/lib/tokens/data";

const noParams = { params: Promise.resolve({}) } as never;

async function viewerBearer() {
  const owner = await makeUser("viewer", "alerts-api");
  const { secret } = await createApiToken(
    { id: null, label: "vitest" },
    { ownerEmail: owner.email, name: "viewer token" },
  );
  return `Bearer ${secret}`;
}

const get = (path: string, authorization?: string) =>
  listRoute(
    new Request(`http://vigil.test${path}`, { headers: authorization ? { authorization } : {} }),
    noParams,
  );

describe("GET /api/v1/alerts", () => {
  it("lists a service's open alerts with evidence to a viewer, ended ones on request, and refuses bad filters and strangers", async () => {
    const service = await createService(
      { id: null, label: "vitest" },
      {
        name: `alerts-api-${Date.now().toString(36)}`,
        baseUrl: "http://93.184.216.34",
        profile: "http",
        environment: "test",
      },
    );
    const now = new Date();
    const evidence = [
      { at: now.toISOString(), status: "down", reason: "/: connection refused", checkId: "1" },
    ];
    await db.alert.create({
      data: {
        serviceId: service.id,
        rule: "down",
        level: "page",
        reason: "paging: 2 consecutive scheduled checks failed",
        evidence,
        startedAt: now,
      },
    });
    await db.alert.create({
      data: {
        serviceId: service.id,
        rule: "flapping",
        level: "warning",
        reason: "flapping",
        startedAt: new Date(now.getTime() - 60_000),
        endedAt: now,
      },
    });
    const bearer = await viewerBearer();

    expect((await get(`/api/v1/alerts?serviceId=${service.id}`)).status).toBe(401);
    const open = await get(`/api/v1/alerts?serviceId=${service.id}`, bearer);
    expect(open.status).toBe(200);
    const { alerts } = (await open.json()) as { alerts: AlertListItem[] };
    expect(alerts).toEqual([
      expect.objectContaining({
        rule: "down",
        level: "page",
        serviceName: service.name,
        endedAt: null,
        evidence,
      }),
    ]);
    const all = (await (
      await get(`/api/v1/alerts?serviceId=${service.id}&state=all`, bearer)
    ).json()) as { alerts: AlertListItem[] };
    expect(all.alerts.map((alert) => alert.rule)).toEqual(["down", "flapping"]);

    const bad = await get("/api/v1/alerts?state=closed&serviceId=nope", bearer);
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(body.error.fields).sort()).toEqual(["serviceId", "state"]);
  });
});
