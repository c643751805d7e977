import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getDeployRoute, PATCH as patchDeploy } from "@/app/api/v1/deploys/[id]/route";
import { GET as listDeploysRoute, POST as recordRoute } from "@/app/api/v1/deploys/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { DeployView, RollbackGuidance } from "@/lib/deploys/types";
import { createService } from "@/lib/services/mutations";
import { apiRequest, tokenFor, type ApiRequestInit } from "@/test/api";

const noParams = { params: Promise.resolve({}) } as never;
const paramsOf = (id: string) => ({ params: Promise.resolve({ id }) });

const bearerFor = (role: Role) => tokenFor(role);

const request = apiRequest;

let responder: string;
let responderName: string;
let viewer: string;
let serviceId: string;
let serviceName: string;

beforeAll(async () => {
  const made = await bearerFor("responder");
  responder = made.authorization;
  responderName = made.owner.name;
  viewer = (await bearerFor("viewer")).authorization;
  serviceName = `MCP ${randomUUID().slice(0, 6)}`;
  serviceId = (
    await createService(
      { id: null, label: "vitest" },
      { name: serviceName, baseUrl: "https://mcp.example.test", profile: "holoscript_mcp" },
    )
  ).id;
});

async function post(body: unknown, init: ApiRequestInit = {}) {
  const response = await recordRoute(
    request("POST", "/api/v1/deploys", { authorization: responder, body, ...init }),
    noParams,
  );
  return { status: response.status, json: await response.json() };
}

async function patch(id: string, body: unknown, authorization = responder) {
  const response = await patchDeploy(
    request("PATCH", `/api/v1/deploys/${id}`, { authorization, body }),
    paramsOf(id),
  );
  return { status: response.status, json: await response.json() };
}

describe("/api/v1/deploys", () => {
  it("refuses anonymous callers with 401 and viewers' writes with 403", async () => {
    const { json } = await post({ service: serviceId, version: "v0.0.1" });
    const deploy = json.deploy as DeployView;
    const anonymous = [
      await listDeploysRoute(request("GET", "/api/v1/deploys"), noParams),
      await recordRoute(
        request("POST", "/api/v1/deploys", { body: { service: serviceId, version: "v1" } }),
        noParams,
      ),
      await getDeployRoute(request("GET", `/api/v1/deploys/${deploy.id}`), paramsOf(deploy.id)),
      await patchDeploy(
        request("PATCH", `/api/v1/deploys/${deploy.id}`, { body: { status: "failed" } }),
        paramsOf(deploy.id),
      ),
    ];
    for (const response of anonymous) {
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthenticated");
    }
    const viewerWrites = [
      await recordRoute(
        request("POST", "/api/v1/deploys", {
          authorization: viewer,
          body: { service: serviceId, version: "v1" },
        }),
        noParams,
      ),
      await patchDeploy(
        request("PATCH", `/api/v1/deploys/${deploy.id}`, {
          authorization: viewer,
          body: { status: "failed" },
        }),
        paramsOf(deploy.id),
      ),
    ];
    for (const response of viewerWrites) {
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect(await db.deploy.count({ where: { serviceId } })).toBe(1);
    expect((await db.deploy.findUniqueOrThrow({ where: { id: deploy.id } })).status).toBe(
      "started",
    );
    const read = await getDeployRoute(
      request("GET", `/api/v1/deploys/${deploy.id}`, { authorization: viewer }),
      paramsOf(deploy.id),
    );
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ deploy, rollback: null });
  });

  it("records a deploy from CI with 201, replays its Idempotency-Key with 200, and the header wins over the body", async () => {
    const key = `ci-${randomUUID()}`;
    const body = {
      service: serviceName,
      version: "v1.2.3",
      who: "ci-bot",
      ciGreen: true,
      link: "https://ci.example/run/9",
      idempotencyKey: `body-${randomUUID()}`,
    };
    const first = await post(body, { idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(first.json.deploy).toMatchObject({
      service: { id: serviceId, name: serviceName },
      label: "v1.2.3",
      deployedBy: "ci-bot",
      status: "started",
    });
    const replay = await post(
      { ...body, idempotencyKey: `other-${randomUUID()}` },
      { idempotencyKey: key },
    );
    expect(replay.status).toBe(200);
    expect(replay.json.deploy.id).toBe(first.json.deploy.id);
    expect(
      await db.deploy.findUniqueOrThrow({ where: { id: first.json.deploy.id } }),
    ).toMatchObject({ idempotencyKey: key });
    expect(await db.deploy.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(0);
    const withoutWho = await post({ service: serviceId, commit: "0123456789abcdef" });
    expect(withoutWho.json.deploy).toMatchObject({ deployedBy: responderName, label: "0123456" });
  });

  it("answers 409 when an Idempotency-Key comes back with another body, and 422 when another user sends it", async () => {
    const key = `ci-${randomUUID()}`;
    const body = { service: serviceId, version: "v2.0.0", who: "ci-bot" };
    const first = await post(body, { idempotencyKey: key });
    expect(first.status).toBe(201);
    const changed = await post({ ...body, version: "v2.0.1" }, { idempotencyKey: key });
    expect(changed.status).toBe(409);
    expect(changed.json.error.message).toMatch(/used for a different request/);
    expect(JSON.stringify(changed.json)).not.toContain(first.json.deploy.id);
    const stranger = (await bearerFor("responder")).authorization;
    const other = await post(body, { idempotencyKey: key, authorization: stranger });
    expect(other.status).toBe(422);
    expect(other.json.error.fields.idempotencyKey[0]).toMatch(/already used by someone else/);
    expect(await db.deploy.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it("answers 422 with field errors for bad input", async () => {
    const cases: Array<[unknown, string]> = [
      [{ service: serviceId }, "version"],
      [{ service: serviceId, commit: "zzz" }, "commit"],
      [{ service: serviceId, version: "v1", link: "javascript:alert(document.cookie)" }, "link"],
      [{ service: `missing-${randomUUID()}`, version: "v1" }, "service"],
      [{ service: serviceId, version: "v1", status: "deployed" }, "status"],
    ];
    for (const [body, field] of cases) {
      const { status, json } = await post(body);
      expect(status, JSON.stringify(body)).toBe(422);
      expect(json.error.code).toBe("validation_failed");
      expect(Object.keys(json.error.fields), JSON.stringify(body)).toContain(field);
    }
    const empty = await post({});
    expect(empty.status).toBe(422);
    const badQuery = await listDeploysRoute(
      request("GET", "/api/v1/deploys?status=done", { authorization: viewer }),
      noParams,
    );
    expect(badQuery.status).toBe(422);
  });

  it("moves a deploy along with PATCH, 409 off the allowed paths, 404 for a missing one, and gives rollback guidance when failed", async () => {
    const green = (await post({ service: serviceId, version: "v2.0.0" })).json.deploy as DeployView;
    expect(
      (await patch(green.id, { status: "succeeded", skipSmoke: true })).json.deploy,
    ).toMatchObject({ status: "succeeded", smoke: { status: "skipped" } });
    const bad = (await post({ service: serviceId, version: "v2.0.1", commit: "deadbee" })).json
      .deploy as DeployView;
    const failed = await patch(bad.id, { status: "failed" });
    expect(failed.status).toBe(200);
    expect(failed.json.deploy.status).toBe("failed");

    const refused = await patch(bad.id, { status: "succeeded" });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: "conflict",
      message: "A failed deploy can only be rolled back.",
      details: { allowed: ["rolled_back"] },
    });

    const read = await getDeployRoute(
      request("GET", `/api/v1/deploys/${bad.id}`, { authorization: viewer }),
      paramsOf(bad.id),
    );
    const { deploy, rollback } = (await read.json()) as {
      deploy: DeployView;
      rollback: RollbackGuidance;
    };
    expect(deploy.status).toBe("failed");
    expect(rollback.railwayService).toBe("mcp-server");
    expect(rollback.lastGreen?.id).toBe(green.id);
    expect(rollback.steps[0]).toContain("→ v2.0.0 →");
    expect(rollback.steps[1]).toContain("git revert deadbee");

    expect((await patch(randomUUID(), { status: "failed" })).status).toBe(404);
    expect((await patch(bad.id, { status: "nope" })).status).toBe(422);
    const missing = await getDeployRoute(
      request("GET", `/api/v1/deploys/${randomUUID()}`, { authorization: viewer }),
      paramsOf(randomUUID()),
    );
    expect(missing.status).toBe(404);
  });

  it("lists deploys newest first with filters and a keyset cursor", async () => {
    const response = await listDeploysRoute(
      request("GET", `/api/v1/deploys?service=${serviceId}&limit=2`, { authorization: viewer }),
      noParams,
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as { deploys: DeployView[]; nextBefore: number | null };
    expect(page.deploys).toHaveLength(2);
    expect(page.deploys[0]!.number).toBeGreaterThan(page.deploys[1]!.number);
    expect(page.nextBefore).toBe(page.deploys[1]!.number);
    const inFlight = await listDeploysRoute(
      request("GET", `/api/v1/deploys?service=${serviceId}&inFlight=true`, {
        authorization: viewer,
      }),
      noParams,
    );
    for (const deploy of ((await inFlight.json()) as { deploys: DeployView[] }).deploys)
      expect(deploy.status).toBe("started");
  });

  it("is documented in the OpenAPI document", () => {
    const paths = buildOpenApiDocument().paths;
    expect(Object.keys(paths["/api/v1/deploys"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/deploys/{id}"] ?? {}).sort()).toEqual(["get", "patch"]);
    const post = paths["/api/v1/deploys"]?.post as {
      parameters: Array<{ name: string }>;
      requestBody: unknown;
    };
    expect(post.parameters.map((parameter) => parameter.name)).toContain("Idempotency-Key");
    expect(JSON.stringify(post.requestBody)).toContain("ciGreen");
  });
});
