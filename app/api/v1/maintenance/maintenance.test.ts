import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as endRoute } from "@/app/api/v1/maintenance/[id]/end/route";
import { GET as getRoute } from "@/app/api/v1/maintenance/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/maintenance/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createService } from "@/lib/services/mutations";
import type { MaintenanceList, MaintenanceWindowView } from "@/lib/maintenance/types";
import { apiRequest, tokenFor } from "@/test/api";

const noParams = { params: Promise.resolve({}) } as never;
const paramsOf = (id: string) => ({ params: Promise.resolve({ id }) });

const bearerFor = (role: Role) => tokenFor(role);
const request = apiRequest;

let responder: { owner: { id: string; email: string }; authorization: string };
let viewer: string;
let serviceId: string;
let serviceName: string;

beforeAll(async () => {
  responder = await bearerFor("responder");
  viewer = (await bearerFor("viewer")).authorization;
  serviceName = `api-mw-${randomUUID().slice(0, 8)}`;
  serviceId = (
    await createService(
      { id: null, label: "vitest" },
      { name: serviceName, baseUrl: "https://api-mw.example.test", profile: "http" },
    )
  ).id;
});

async function create(body: unknown, authorization = responder.authorization) {
  const response = await createRoute(
    request("POST", "/api/v1/maintenance", { authorization, body }),
    noParams,
  );
  return { status: response.status, json: await response.json() };
}

describe("/api/v1/maintenance", () => {
  it("401 anonymous, 403 for a viewer's writes, reads for a viewer", async () => {
    expect((await listRoute(request("GET", "/api/v1/maintenance"), noParams)).status).toBe(401);
    expect(
      (await create({ services: [serviceId], reason: "x", durationMinutes: 30 }, viewer)).status,
    ).toBe(403);
    expect(
      (
        await endRoute(
          request("POST", `/api/v1/maintenance/${randomUUID()}/end`, {
            authorization: viewer,
            body: {},
          }),
          paramsOf(randomUUID()),
        )
      ).status,
    ).toBe(403);
    expect(
      (await listRoute(request("GET", "/api/v1/maintenance", { authorization: viewer }), noParams))
        .status,
    ).toBe(200);
  });

  it("422 with field errors for bad input; nothing stored", async () => {
    const bad = await create({ services: [], reason: "", durationMinutes: 0 });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("validation_failed");
    expect(Object.keys(bad.json.error.fields).sort()).toEqual([
      "durationMinutes",
      "reason",
      "services",
    ]);
    const backwards = await create({
      services: [serviceId],
      reason: "x",
      startsAt: "2030-01-01T02:00:00Z",
      endsAt: "2030-01-01T01:00:00Z",
    });
    expect(backwards.status).toBe(422);
    expect(backwards.json.error.fields.endsAt).toEqual(["The end must be after the start."]);
    const nul = await create({ services: [serviceId], reason: "a\u0000b", durationMinutes: 30 });
    expect(nul.status).toBe(422);
    expect(Object.keys(nul.json.error.fields)).toEqual(["reason"]);
    const query = await listRoute(
      request("GET", "/api/v1/maintenance?service=nope", { authorization: viewer }),
      noParams,
    );
    expect(query.status).toBe(422);
    expect(await db.maintenanceWindowService.count({ where: { serviceId } })).toBe(0);
  });

  it("creates (201), reads (200, 404), lists, ends (200, then 409; 409 on a stale version), audited as the token's owner", async () => {
    const created = await create({
      services: [serviceName],
      reason: "Kernel patch",
      durationMinutes: 45,
    });
    expect(created.status).toBe(201);
    const window = created.json.window as MaintenanceWindowView;
    expect(window).toMatchObject({
      state: "active",
      reason: "Kernel patch",
      services: [{ id: serviceId, name: serviceName }],
    });

    const got = await getRoute(
      request("GET", `/api/v1/maintenance/${window.id}`, { authorization: viewer }),
      paramsOf(window.id),
    );
    expect(got.status).toBe(200);
    expect((await got.json()).window.id).toBe(window.id);
    const missing = await getRoute(
      request("GET", `/api/v1/maintenance/${randomUUID()}`, { authorization: viewer }),
      paramsOf(randomUUID()),
    );
    expect(missing.status).toBe(404);

    const listed = (await (
      await listRoute(
        request("GET", `/api/v1/maintenance?service=${serviceId}`, { authorization: viewer }),
        noParams,
      )
    ).json()) as MaintenanceList;
    expect(listed.active.map((entry) => entry.id)).toContain(window.id);

    const stale = await endRoute(
      request("POST", `/api/v1/maintenance/${window.id}/end`, {
        authorization: responder.authorization,
        body: { version: 5 },
      }),
      paramsOf(window.id),
    );
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.details.current.version).toBe(1);
    const ended = await endRoute(
      request("POST", `/api/v1/maintenance/${window.id}/end`, {
        authorization: responder.authorization,
      }),
      paramsOf(window.id),
    );
    expect(ended.status).toBe(200);
    expect((await ended.json()).window.state).toBe("ended");
    const again = await endRoute(
      request("POST", `/api/v1/maintenance/${window.id}/end`, {
        authorization: responder.authorization,
        body: {},
      }),
      paramsOf(window.id),
    );
    expect(again.status).toBe(409);
    const gone = await endRoute(
      request("POST", `/api/v1/maintenance/${randomUUID()}/end`, {
        authorization: responder.authorization,
        body: {},
      }),
      paramsOf(randomUUID()),
    );
    expect(gone.status).toBe(404);

    const audit = await db.auditLog.findMany({
      where: { targetId: window.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ["maintenance.create", responder.owner.id],
      ["maintenance.end", responder.owner.id],
    ]);
  });

  it("is described in the OpenAPI document", () => {
    const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths["/api/v1/maintenance"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(paths["/api/v1/maintenance/{id}/end"]?.post).toBeDefined();
  });
});
