import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PUT as putRoute,
} from "@/app/api/v1/escalation-policies/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/escalation-policies/route";
import { PATCH as patchServiceRoute } from "@/app/api/v1/services/[id]/route";
import {
  GET as listUserMethodsRoute,
  POST as createUserMethodRoute,
} from "@/app/api/v1/users/[id]/contact-methods/route";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createService } from "@/lib/services/mutations";
import type { EscalationPolicyView } from "@/lib/paging/types";
import { defaultEscalationLevels } from "@/lib/paging/labels";
import { makeUser } from "@/test/fixtures";
import { apiRequest, tokenFor } from "@/test/api";

const noParams = { params: Promise.resolve({}) } as never;
const paramsOf = (id: string) => ({ params: Promise.resolve({ id }) });
const suffix = randomUUID().slice(0, 8);
const mine: string[] = [];

const bearerFor = (role: Role) => tokenFor(role, "policies-api");
const request = (method: string, path: string, authorization?: string, body?: unknown) =>
  apiRequest(method, path, { authorization, body });

let viewer: Awaited<ReturnType<typeof bearerFor>>;
let responder: Awaited<ReturnType<typeof bearerFor>>;
let lead: Awaited<ReturnType<typeof bearerFor>>;
let admin: Awaited<ReturnType<typeof bearerFor>>;

beforeAll(async () => {
  [viewer, responder, lead, admin] = await Promise.all([
    bearerFor("viewer"),
    bearerFor("responder"),
    bearerFor("lead"),
    bearerFor("admin"),
  ]);
});

afterAll(async () => {
  await db.escalationPolicy.deleteMany({ where: { id: { in: mine } } });
});

describe("/api/v1/escalation-policies", () => {
  it("lists for anyone signed in (always with one default), writes for leads only (401 / 403)", async () => {
    expect((await listRoute(request("GET", "/api/v1/escalation-policies"), noParams)).status).toBe(
      401,
    );
    const list = await listRoute(
      request("GET", "/api/v1/escalation-policies", viewer.authorization),
      noParams,
    );
    expect(list.status).toBe(200);
    const policies = (await list.json()).policies as EscalationPolicyView[];
    expect(policies.filter((policy) => policy.isDefault)).toHaveLength(1);
    expect(policies[0]?.isDefault).toBe(true);

    const refused = await createRoute(
      request("POST", "/api/v1/escalation-policies", responder.authorization, {
        name: `api-refused-${suffix}`,
        levels: defaultEscalationLevels,
      }),
      noParams,
    );
    expect(refused.status).toBe(403);
    expect(await db.escalationPolicy.count({ where: { name: `api-refused-${suffix}` } })).toBe(0);
  });

  it("creates (201), reads, replaces on the version (200, then 409 stale), names the bad field (422), deletes (200, then 404)", async () => {
    const created = await createRoute(
      request("POST", "/api/v1/escalation-policies", lead.authorization, {
        name: `api-policy-${suffix}`,
        levels: [{ delayMinutes: 0, targets: [{ kind: "on_call" }] }],
        repeat: 1,
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const policy = (await created.json()).policy as EscalationPolicyView;
    mine.push(policy.id!);
    expect(policy).toMatchObject({
      name: `api-policy-${suffix}`,
      isDefault: false,
      repeat: 1,
      version: 1,
    });

    const read = await getRoute(
      request("GET", `/api/v1/escalation-policies/${policy.id}`, viewer.authorization),
      paramsOf(policy.id!),
    );
    expect((await read.json()).policy).toEqual(policy);

    const levels = [
      { delayMinutes: 0, targets: [{ kind: "on_call" }] },
      {
        delayMinutes: 5,
        targets: [{ kind: "user", userId: responder.owner.id }, { kind: "escalation_contacts" }],
      },
    ];
    const put = await putRoute(
      request("PUT", `/api/v1/escalation-policies/${policy.id}`, lead.authorization, {
        name: policy.name,
        levels,
        repeat: 0,
        version: 1,
      }),
      paramsOf(policy.id!),
    );
    expect(put.status).toBe(200);
    expect((await put.json()).policy).toMatchObject({ version: 2, levels });

    const stale = await putRoute(
      request("PUT", `/api/v1/escalation-policies/${policy.id}`, lead.authorization, {
        name: policy.name,
        levels,
        version: 1,
      }),
      paramsOf(policy.id!),
    );
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.details.current.version).toBe(2);

    const unknownPerson = await putRoute(
      request("PUT", `/api/v1/escalation-policies/${policy.id}`, lead.authorization, {
        name: policy.name,
        levels: [levels[0], { delayMinutes: 5, targets: [{ kind: "user", userId: randomUUID() }] }],
        version: 2,
      }),
      paramsOf(policy.id!),
    );
    expect(unknownPerson.status).toBe(422);
    expect(Object.keys((await unknownPerson.json()).error.fields)).toEqual([
      "levels.1.targets.0.userId",
    ]);

    const emptyLevel = await createRoute(
      request("POST", "/api/v1/escalation-policies", lead.authorization, {
        name: "",
        levels: [{ delayMinutes: -1, targets: [] }],
      }),
      noParams,
    );
    expect(emptyLevel.status).toBe(422);
    expect(Object.keys((await emptyLevel.json()).error.fields).sort()).toEqual([
      "levels.0.delayMinutes",
      "levels.0.targets",
      "name",
    ]);

    const deleted = await deleteRoute(
      request("DELETE", `/api/v1/escalation-policies/${policy.id}`, lead.authorization),
      paramsOf(policy.id!),
    );
    expect(deleted.status).toBe(200);
    expect(
      (
        await deleteRoute(
          request("DELETE", `/api/v1/escalation-policies/${policy.id}`, lead.authorization),
          paramsOf(policy.id!),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await getRoute(
          request("GET", `/api/v1/escalation-policies/${policy.id}`, viewer.authorization),
          paramsOf(policy.id!),
        )
      ).status,
    ).toBe(404);
  });

  it("sets a service's policy through PATCH /api/v1/services/:id (null follows the default; an unknown one is 422)", async () => {
    const created = await createRoute(
      request("POST", "/api/v1/escalation-policies", lead.authorization, {
        name: `api-service-policy-${suffix}`,
        levels: defaultEscalationLevels,
      }),
      noParams,
    );
    const policy = (await created.json()).policy as EscalationPolicyView;
    mine.push(policy.id!);
    const service = await createService(admin.owner, {
      name: `policy-api-svc-${suffix}`,
      baseUrl: "http://93.184.216.34",
      profile: "http",
      environment: "test",
    });
    expect(service.escalationPolicyId).toBeNull();

    const patched = await patchServiceRoute(
      request("PATCH", `/api/v1/services/${service.id}`, lead.authorization, {
        escalationPolicyId: policy.id,
        version: service.version,
      }),
      paramsOf(service.id),
    );
    expect(patched.status).toBe(200);
    const saved = (await patched.json()).service;
    expect(saved.escalationPolicyId).toBe(policy.id);
    const listed = (
      await (
        await listRoute(
          request("GET", "/api/v1/escalation-policies", viewer.authorization),
          noParams,
        )
      ).json()
    ).policies as EscalationPolicyView[];
    expect(listed.find((entry) => entry.id === policy.id)?.services.map((ref) => ref.id)).toEqual([
      service.id,
    ]);

    // A PATCH of another field keeps the policy.
    const renamedSlo = await patchServiceRoute(
      request("PATCH", `/api/v1/services/${service.id}`, lead.authorization, {
        latencySloMs: 2500,
        version: saved.version,
      }),
      paramsOf(service.id),
    );
    const afterSlo = (await renamedSlo.json()).service;
    expect(afterSlo.escalationPolicyId).toBe(policy.id);

    const unknown = await patchServiceRoute(
      request("PATCH", `/api/v1/services/${service.id}`, lead.authorization, {
        escalationPolicyId: randomUUID(),
        version: afterSlo.version,
      }),
      paramsOf(service.id),
    );
    expect(unknown.status).toBe(422);
    expect(Object.keys((await unknown.json()).error.fields)).toEqual(["escalationPolicyId"]);

    const cleared = await patchServiceRoute(
      request("PATCH", `/api/v1/services/${service.id}`, lead.authorization, {
        escalationPolicyId: null,
        version: afterSlo.version,
      }),
      paramsOf(service.id),
    );
    expect((await cleared.json()).service.escalationPolicyId).toBeNull();
  });
});

describe("/api/v1/users/:id/contact-methods", () => {
  it("lets an admin read and add someone's methods; a lead or the person's peer gets 403 and sees nothing", async () => {
    const person = await makeUser("responder", "contacts-owner");
    const added = await createUserMethodRoute(
      request("POST", `/api/v1/users/${person.id}/contact-methods`, admin.authorization, {
        kind: "email",
        label: "Work",
        target: `ada-${suffix}@example.test`,
      }),
      paramsOf(person.id),
    );
    expect(added.status).toBe(201);
    expect((await added.json()).contactMethod).toMatchObject({
      userId: person.id,
      kind: "email",
      displayTarget: `ada-${suffix}@example.test`,
    });

    const listed = await listUserMethodsRoute(
      request("GET", `/api/v1/users/${person.id}/contact-methods`, admin.authorization),
      paramsOf(person.id),
    );
    expect(listed.status).toBe(200);
    expect(
      ((await listed.json()).contactMethods as { userId: string }[]).map((method) => method.userId),
    ).toEqual([person.id]);

    for (const caller of [lead, responder]) {
      const refused = await listUserMethodsRoute(
        request("GET", `/api/v1/users/${person.id}/contact-methods`, caller.authorization),
        paramsOf(person.id),
      );
      expect(refused.status).toBe(403);
      const text = await refused.text();
      expect(text).not.toContain(`ada-${suffix}`);
      const write = await createUserMethodRoute(
        request("POST", `/api/v1/users/${person.id}/contact-methods`, caller.authorization, {
          kind: "email",
          target: "x@example.test",
        }),
        paramsOf(person.id),
      );
      expect(write.status).toBe(403);
    }
    expect(await db.contactMethod.count({ where: { userId: person.id } })).toBe(1);

    const missing = await createUserMethodRoute(
      request("POST", `/api/v1/users/${randomUUID()}/contact-methods`, admin.authorization, {
        kind: "email",
        target: "x@example.test",
      }),
      paramsOf(randomUUID()),
    );
    expect(missing.status).toBe(404);
  });
});
