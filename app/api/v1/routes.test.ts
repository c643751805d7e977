import { describe, expect, it } from "vitest";
import { DELETE as revokeToken } from "@/app/api/v1/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/tokens/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { createApiToken } from "@/lib/tokens/data";
import { apiRequest, noParams, tokenFor } from "@/test/api";

describe("/api/v1", () => {
  it("GET /me answers the token's owner, and 401 with the error shape otherwise", async () => {
    const { owner, authorization } = await tokenFor("viewer");
    const ok = await getMe(apiRequest("GET", "/api/v1/me", { authorization }), noParams);
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
        apiRequest("GET", "/api/v1/me", { authorization: header }),
        noParams,
      );
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({
        error: { code: "unauthenticated", message: expect.any(String) },
      });
    }
  });

  it("refuses a viewer on admin routes with 403", async () => {
    const { authorization } = await tokenFor("viewer");
    const response = await listTokens(
      apiRequest("GET", "/api/v1/tokens", { authorization }),
      noParams,
    );
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  });

  it("creates a token (201, secret once), validates (422 with fields), caps bodies (413), wants JSON (415)", async () => {
    const { owner, authorization } = await tokenFor("admin");
    const created = await createToken(
      apiRequest("POST", "/api/v1/tokens", {
        authorization,
        body: { name: "deploy bot" },
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
      apiRequest("POST", "/api/v1/tokens", {
        authorization,
        body: { name: "", expiresInDays: 0 },
      }),
      noParams,
    );
    expect(invalid.status).toBe(422);
    const invalidBody = await invalid.json();
    expect(invalidBody.error.code).toBe("validation_failed");
    expect(Object.keys(invalidBody.error.fields).sort()).toEqual(["expiresInDays", "name"]);

    const malformed = await createToken(
      apiRequest("POST", "/api/v1/tokens", { authorization, rawBody: "{not json" }),
      noParams,
    );
    expect(malformed.status).toBe(422);

    const huge = await createToken(
      apiRequest("POST", "/api/v1/tokens", {
        authorization,
        body: { name: "x".repeat(70_000) },
      }),
      noParams,
    );
    expect(huge.status).toBe(413);

    const form = await createToken(
      apiRequest("POST", "/api/v1/tokens", {
        authorization,
        rawBody: "name=x",
        contentType: "application/x-www-form-urlencoded",
      }),
      noParams,
    );
    expect(form.status).toBe(415);

    const list = await listTokens(apiRequest("GET", "/api/v1/tokens", { authorization }), noParams);
    expect(JSON.stringify(await list.json())).not.toContain(body.secret);
  });

  it("revokes a token: the token stops working; unknown ids answer 404, bad ids 422", async () => {
    const { authorization } = await tokenFor("admin");
    const victim = await tokenFor("viewer");
    const { token } = await createApiToken(
      { id: null, label: "vitest" },
      { ownerEmail: victim.owner.email, name: "to revoke" },
    );
    const revoked = await revokeToken(
      apiRequest("DELETE", `/api/v1/tokens/${token.id}`, { authorization }),
      { params: Promise.resolve({ id: token.id }) },
    );
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).token.state).toBe("revoked");
    const missing = await revokeToken(apiRequest("DELETE", "/api/v1/tokens/x", { authorization }), {
      params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }),
    });
    expect(missing.status).toBe(404);
    const bad = await revokeToken(apiRequest("DELETE", "/api/v1/tokens/x", { authorization }), {
      params: Promise.resolve({ id: "x" }),
    });
    expect(bad.status).toBe(422);
  });
});
