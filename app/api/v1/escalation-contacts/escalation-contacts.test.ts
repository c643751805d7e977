import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DELETE as deleteRoute,
  PATCH as patchRoute,
} from "@/app/api/v1/escalation-contacts/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/escalation-contacts/route";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { EscalationContactView } from "@/lib/handoffs/types";
import { createContactMethod } from "@/lib/contacts/data";
import { makeUser } from "@/test/fixtures";
import { createApiToken } from "@/lib/tokens/data";
import { noParams, paramsOf } from "@/test/api";

async function bearerFor(role: Role) {
  const owner = await makeUser(role, `contacts-${role}`);
  const { secret } = await createApiToken(
    { id: null, label: "vitest" },
    { ownerEmail: owner.email, name: `${role} token` },
  );
  return `Bearer ${secret}`;
}

function request(method: string, path: string, authorization?: string, body?: unknown) {
  const headers = new Headers();
  if (authorization) headers.set("authorization", authorization);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://vigil.test${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let viewer: string;
let lead: string;
let admin: string;

beforeAll(async () => {
  viewer = await bearerFor("viewer");
  lead = await bearerFor("lead");
  admin = await bearerFor("admin");
});

describe("/api/v1/escalation-contacts", () => {
  it("is readable by anyone signed in and writable by admins only (401 / 403)", async () => {
    const anonymous = [
      await listRoute(request("GET", "/api/v1/escalation-contacts"), noParams),
      await createRoute(
        request("POST", "/api/v1/escalation-contacts", undefined, { name: "x", contact: "y" }),
        noParams,
      ),
    ];
    for (const response of anonymous) expect(response.status).toBe(401);
    const before = await db.escalationContact.count();
    const id = randomUUID();
    const refused = [
      await createRoute(
        request("POST", "/api/v1/escalation-contacts", lead, {
          name: "Lead's pick",
          contact: "@lead",
        }),
        noParams,
      ),
      await patchRoute(
        request("PATCH", `/api/v1/escalation-contacts/${id}`, viewer, { name: "x" }),
        paramsOf(id),
      ),
      await deleteRoute(request("DELETE", `/api/v1/escalation-contacts/${id}`, lead), paramsOf(id)),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect(await db.escalationContact.count()).toBe(before);
    const list = await listRoute(request("GET", "/api/v1/escalation-contacts", viewer), noParams);
    expect(list.status).toBe(200);
    expect((await list.json()).contacts).toEqual(expect.any(Array));
  });

  it("creates (201), edits only the fields sent (200), deletes (200), with 422 and 404 where due", async () => {
    const name = `On-call lead ${randomUUID().slice(0, 6)}`;
    const created = await createRoute(
      request("POST", "/api/v1/escalation-contacts", admin, {
        name,
        contact: "+1 555 0100",
        role: "Lead",
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const contact = (await created.json()).contact as EscalationContactView;
    expect(contact).toMatchObject({ name, contact: "+1 555 0100", role: "Lead" });

    const listed = (
      await (
        await listRoute(request("GET", "/api/v1/escalation-contacts", viewer), noParams)
      ).json()
    ).contacts as EscalationContactView[];
    expect(listed.at(-1)?.id).toBe(contact.id);

    const patched = await patchRoute(
      request("PATCH", `/api/v1/escalation-contacts/${contact.id}`, admin, { contact: "@lead" }),
      paramsOf(contact.id),
    );
    expect(patched.status).toBe(200);
    expect((await patched.json()).contact).toEqual({ ...contact, contact: "@lead" });

    const invalid = await createRoute(
      request("POST", "/api/v1/escalation-contacts", admin, { name: "", contact: "x".repeat(201) }),
      noParams,
    );
    expect(invalid.status).toBe(422);
    expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual(["contact", "name"]);

    const deleted = await deleteRoute(
      request("DELETE", `/api/v1/escalation-contacts/${contact.id}`, admin),
      paramsOf(contact.id),
    );
    expect(deleted.status).toBe(200);
    expect(await db.escalationContact.count({ where: { id: contact.id } })).toBe(0);
    for (const response of [
      await deleteRoute(
        request("DELETE", `/api/v1/escalation-contacts/${contact.id}`, admin),
        paramsOf(contact.id),
      ),
      await patchRoute(
        request("PATCH", `/api/v1/escalation-contacts/nope`, admin, { name: "x" }),
        paramsOf("nope"),
      ),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.message).toBe("The escalation contact was not found.");
    }
  });

  it("links a contact to a Vigil user (reached through their enabled methods), refuses a disabled or unknown one (422 on userId), unlinks with null", async () => {
    const ada = await makeUser("responder", "contacts-linked");
    await createContactMethod(ada, {
      kind: "email",
      label: "",
      target: `linked-${randomUUID().slice(0, 6)}@example.test`,
      enabled: true,
    });
    const created = await createRoute(
      request("POST", "/api/v1/escalation-contacts", admin, {
        name: "Ada on call",
        contact: "+1 555 0101",
        userId: ada.id,
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const contact = (await created.json()).contact as EscalationContactView;
    expect(contact.userId).toBe(ada.id);
    expect(contact.user).toEqual({
      id: ada.id,
      name: ada.name,
      disabled: false,
      enabledMethods: 1,
    });
    const audit = await db.auditLog.findFirst({
      where: { action: "escalation_contact.create", targetId: contact.id },
    });
    expect(audit?.details).toMatchObject({ userId: ada.id });

    // A change of another field keeps the link.
    const renamed = await patchRoute(
      request("PATCH", `/api/v1/escalation-contacts/${contact.id}`, admin, { role: "Primary" }),
      paramsOf(contact.id),
    );
    expect((await renamed.json()).contact.userId).toBe(ada.id);

    const gone = await makeUser("responder", "contacts-gone");
    await db.user.update({ where: { id: gone.id }, data: { disabled: true } });
    for (const userId of [gone.id, randomUUID()]) {
      const refused = await patchRoute(
        request("PATCH", `/api/v1/escalation-contacts/${contact.id}`, admin, { userId }),
        paramsOf(contact.id),
      );
      expect(refused.status).toBe(422);
      expect(Object.keys((await refused.json()).error.fields)).toEqual(["userId"]);
    }
    const unlinked = await patchRoute(
      request("PATCH", `/api/v1/escalation-contacts/${contact.id}`, admin, { userId: null }),
      paramsOf(contact.id),
    );
    expect((await unlinked.json()).contact).toMatchObject({ userId: null, user: null });
    await deleteRoute(
      request("DELETE", `/api/v1/escalation-contacts/${contact.id}`, admin),
      paramsOf(contact.id),
    );
  });
});
