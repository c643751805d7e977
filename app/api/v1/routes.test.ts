import { describe, expect, it } from "vitest";
import { DELETE as revokeToken } from "@/app/api/v1/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/tokens/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { makeUser } from "@/test/fixtures";
import { createApiToken } from "@/lib/tokens/data";

const noParams = { params: Promise.resolve({}) } as never;

async function bearerFor(role: "viewer" | "admin") {
  const owner = await makeUser(role);
  const { secret } = await createApiToken(
    { id: null, label: "vitest" },
    { ownerEmail: owner.email, name: `${role} token` },
  );
  return { owner, authorization: `Bearer ${secret}` };
}

function request(
  method: string,
  path: string,
  init: { authorization?: string; body?: string; contentType?: string } = {},
) {
  const headers = new Headers();
  if (init.authorization) headers.set("authorization", init.authorization);
  if (init.body !== undefined) headers.set("content-type", init.contentType ?? "application/json");
  return new Request(`http://vigil.test${path}`, { method, headers, body: init.body });
}

describe("/api/v1", () => {
  it("GET /me answers the token's owner, and 401 with the error shape otherwise", async () => {
    const { owner, authorization } = await bearerFor("viewer");
    const ok = await getMe(request("GET", "/api/v1/me", { authorization }), noParams);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      user: { id: owner.id, email: owner.email, name: owner.name, role: "viewer" },
    });
    for (const header of [
      undefined,
      "Bearer vgl_nothere1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "Basic abc",
    ]) {
      const refused = await getMe(
        request("GET", "/api/v1/me", { authorization: header }),
        noParams,
      );
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({
        error: { code: "unauthenticated", message: expect.any(String) },
      });
    }
  });

  it("refuses a viewer on admin routes with 403", async () => {
    const { authorization } = await bearerFor("viewer");
    const response = await listTokens(
      request("GET", "/api/v1/tokens", { authorization }),
      noParams,
    );
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  });

  it("creates a token (201, secret once), validates (422 with fields), caps bodies (413), wants JSON (415)", async () => {
    const { owner, authorization } = await bearerFor("admin");
    const created = await createToken(
      request("POST", "/api/v1/tokens", {
        authorization,
        body: JSON.stringify({ name: "deploy bot" }),
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body.secret).toMatch(/^vgl_/);
    expect(body.token).toMatchObject({
      name: "deploy bot",
      owner: { email: owner.email },
      state: "active",
    });

    const invalid = await createToken(
      request("POST", "/api/v1/tokens", {
        authorization,
        body: JSON.stringify({ name: "", expiresInDays: 0 }),
      }),
      noParams,
    );
    expect(invalid.status).toBe(422);
    const invalidBody = await invalid.json();
    expect(invalidBody.error.code).toBe("validation_failed");
    expect(Object.keys(invalidBody.error.fields).sort()).toEqual(["expiresInDays", "name"]);

    const malformed = await createToken(
      request("POST", "/api/v1/tokens", { authorization, body: "{not json" }),
      noParams,
    );
    expect(malformed.status).toBe(422);

    const huge = await createToken(
      request("POST", "/api/v1/tokens", {
        authorization,
        body: JSON.stringify({ name: "x".repeat(70_000) }),
      }),
      noParams,
    );
    expect(huge.status).toBe(413);

    const form = await createToken(
      request("POST", "/api/v1/tokens", {
        authorization,
        body: "name=x",
        contentType: "application/x-www-form-urlencoded",
      }),
      noParams,
    );
    expect(form.status).toBe(415);

    const list = await listTokens(request("GET", "/api/v1/tokens", { authorization }), noParams);
    expect(JSON.stringify(await list.json())).not.toContain(body.secret);
  });

  it("revokes a token: the token stops working; unknown ids answer 404, bad ids 422", async () => {
    const { authorization } = await bearerFor("admin");
    const victim = await bearerFor("viewer");
    const { token } = await createApiToken(
      { id: null, label: "vitest" },
      { ownerEmail: victim.owner.email, name: "to revoke" },
    );
    const revoked = await revokeToken(
      request("DELETE", `/api/v1/tokens/${token.id}`, { authorization }),
      { params: Promise.resolve({ id: token.id }) },
    );
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).token.state).toBe("revoked");
    const missing = await revokeToken(request("DELETE", "/api/v1/tokens/x", { authorization }), {
      params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }),
    });
    expect(missing.status).toBe(404);
    const bad = await revokeToken(request("DELETE", "/api/v1/tokens/x", { authorization }), {
      params: Promise.resolve({ id: "x" }),
    });
    expect(bad.status).toBe(422);
  });
});
