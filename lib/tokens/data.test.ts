import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/test/fixtures";
import {
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from "@/lib/tokens/data";
import { setUserDisabled, setUserRole } from "@/lib/users/data";

const cli = { id: null, label: "vitest" };

describe("API tokens", () => {
  it("return the secret once and store only its hash", async () => {
    const owner = await makeUser("responder");
    const { token, secret } = await createApiToken(cli, {
      ownerEmail: owner.email,
      name: "ci pipeline",
    });
    expect(secret.startsWith(token.prefix)).toBe(true);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret.slice(token.prefix.length + 1));
    const listed = await listApiTokens({ ownerId: owner.id });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(token.prefix.length + 1));
    expect(listed[0]).not.toHaveProperty("secretHash");
    expect(await db.auditLog.count({ where: { targetId: token.id, action: "token.create" } })).toBe(
      1,
    );
  });

  it("act with the owner's current role and stop at revocation", async () => {
    const owner = await makeUser("responder");
    const { token, secret } = await createApiToken(owner, { name: "own" });
    expect(token.owner.email).toBe(owner.email);
    await expect(authenticateApiToken(secret)).resolves.toMatchObject({
      id: owner.id,
      role: "responder",
    });
    await setUserRole(cli, { userId: owner.id, role: "lead" });
    await expect(authenticateApiToken(secret)).resolves.toMatchObject({ role: "lead" });
    const revoked = await revokeApiToken(cli, { tokenId: token.id });
    expect(revoked.state).toBe("revoked");
    await expect(authenticateApiToken(secret)).resolves.toBeNull();
    await revokeApiToken(cli, { tokenId: token.id });
    expect(await db.auditLog.count({ where: { targetId: token.id, action: "token.revoke" } })).toBe(
      1,
    );
  });

  it("stop working when expired or when the owner is disabled", async () => {
    const owner = await makeUser("viewer");
    const { token, secret } = await createApiToken(cli, {
      ownerEmail: owner.email,
      name: "short",
      expiresInDays: 1,
    });
    await expect(authenticateApiToken(secret)).resolves.not.toBeNull();
    await expect(
      authenticateApiToken(secret, new Date(Date.now() + 2 * 86_400_000)),
    ).resolves.toBeNull();
    await setUserDisabled(cli, { userId: owner.id, disabled: true });
    await expect(authenticateApiToken(secret)).resolves.toBeNull();
    expect((await listApiTokens({ ownerId: owner.id }))[0]?.id).toBe(token.id);
  });

  it("issued before a disable stay dead after the owner is enabled again; new ones work", async () => {
    const owner = await makeUser("responder");
    const { token, secret } = await createApiToken(cli, {
      ownerEmail: owner.email,
      name: "before the disable",
    });
    await expect(authenticateApiToken(secret)).resolves.not.toBeNull();
    await setUserDisabled(cli, { userId: owner.id, disabled: true });
    await setUserDisabled(cli, { userId: owner.id, disabled: false });
    await expect(authenticateApiToken(secret)).resolves.toBeNull();
    const [listed] = await listApiTokens({ ownerId: owner.id });
    expect(listed).toMatchObject({ id: token.id, state: "revoked" });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { targetId: owner.id, action: "user.disable" },
    });
    expect(audit.details).toMatchObject({ revokedTokens: 1 });
    const fresh = await createApiToken(cli, { ownerEmail: owner.email, name: "after the enable" });
    await expect(authenticateApiToken(fresh.secret)).resolves.toMatchObject({ id: owner.id });
  });

  it("refuse a wrong secret of the right shape and record last use", async () => {
    const owner = await makeUser("viewer");
    const { token, secret } = await createApiToken(cli, { ownerEmail: owner.email, name: "x" });
    const tampered = secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");
    await expect(authenticateApiToken(tampered)).resolves.toBeNull();
    await authenticateApiToken(secret);
    expect(
      (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt,
    ).not.toBeNull();
  });

  it("validate input: unknown owner, empty name", async () => {
    await expect(
      createApiToken(cli, { ownerEmail: "nobody@nowhere.test", name: "" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: { name: expect.any(Array) },
    });
    await expect(
      createApiToken(cli, { ownerEmail: "nobody@nowhere.test", name: "ok" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      fields: { ownerEmail: ["No user has that email."] },
    });
  });
});
