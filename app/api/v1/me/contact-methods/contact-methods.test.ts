import { describe, expect, it } from "vitest";
import {
  DELETE as deleteRoute,
  PATCH as patchRoute,
} from "@/app/api/v1/me/contact-methods/[id]/route";
import { POST as testRoute } from "@/app/api/v1/me/contact-methods/[id]/test/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/me/contact-methods/route";
import type { Role } from "@/lib/auth/roles";
import type { ContactMethodView } from "@/lib/contacts/types";
import { apiRequest, tokenFor, noParams, paramsOf } from "@/test/api";

const bearerFor = async (role: Role) => (await tokenFor(role, "contact-api")).authorization;
const request = (method: string, path: string, authorization?: string, body?: unknown) =>
  apiRequest(method, path, { authorization, body });

const path = "/api/v1/me/contact-methods";

describe("/api/v1/me/contact-methods", () => {
  it("adds, lists, changes and removes the caller's own methods; another person is refused; the URL's token never comes back", async () => {
    const ada = await bearerFor("viewer");
    const bob = await bearerFor("responder");
    expect((await listRoute(request("GET", path), noParams)).status).toBe(401);

    const created = await createRoute(
      request("POST", path, ada, {
        kind: "webhook",
        label: "Ops",
        target: "https://hooks.example.com/hooks/api-secret-123",
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const { contactMethod } = (await created.json()) as { contactMethod: ContactMethodView };
    const listedText = await (await listRoute(request("GET", path, ada), noParams)).text();
    expect(listedText).toContain(contactMethod.id);
    expect(listedText).not.toContain("api-secret-123");
    expect(await (await listRoute(request("GET", path, bob), noParams)).text()).not.toContain(
      contactMethod.id,
    );

    const id = contactMethod.id;
    for (const response of [
      await patchRoute(
        request("PATCH", `${path}/${id}`, bob, { version: 1, label: "mine now" }),
        paramsOf(id),
      ),
      await deleteRoute(request("DELETE", `${path}/${id}`, bob), paramsOf(id)),
      await testRoute(request("POST", `${path}/${id}/test`, bob), paramsOf(id)),
    ]) {
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("api-secret-123");
    }

    const patched = await patchRoute(
      request("PATCH", `${path}/${id}`, ada, { version: 1, enabled: false }),
      paramsOf(id),
    );
    expect(patched.status).toBe(200);
    expect(
      ((await patched.json()) as { contactMethod: ContactMethodView }).contactMethod,
    ).toMatchObject({ enabled: false, version: 2 });
    expect(
      (
        await patchRoute(
          request("PATCH", `${path}/${id}`, ada, { version: 1, enabled: true }),
          paramsOf(id),
        )
      ).status,
    ).toBe(409);
    expect((await deleteRoute(request("DELETE", `${path}/${id}`, ada), paramsOf(id))).status).toBe(
      200,
    );
    expect((await testRoute(request("POST", `${path}/${id}/test`, ada), paramsOf(id))).status).toBe(
      404,
    );
  });

  it("answers 422 naming the field for a bad address, an ftp URL and a metadata address", async () => {
    const ada = await bearerFor("responder");
    for (const body of [
      { kind: "email", target: "nope" },
      { kind: "webhook", target: "ftp://example.com/x" },
      { kind: "ntfy", target: "http://169.254.169.254/topic" },
    ]) {
      const response = await createRoute(request("POST", path, ada, body), noParams);
      expect(response.status).toBe(422);
      expect(
        Object.keys(
          ((await response.json()) as { error: { fields: Record<string, string[]> } }).error.fields,
        ),
      ).toContain("target");
    }
  });
});
