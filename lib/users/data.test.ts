import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { makeUser, uniqueEmail } from "@/test/fixtures";
import { createUser, setUserDisabled, setUserRole } from "@/lib/users/data";

const cli = { id: null, label: "vitest" };

async function expectAppError(
  promise: Promise<unknown>,
  code: AppError["code"],
): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("users", () => {
  it("are created with an audit row in the same transaction, and a generated password shown once", async () => {
    const email = uniqueEmail("created");
    const { user, generatedPassword } = await createUser(cli, {
      email: ` ${email.toUpperCase()} `,
      name: "Created",
      role: "responder",
    });
    expect(user.email).toBe(email);
    expect(generatedPassword).toEqual(expect.any(String));
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).not.toContain(generatedPassword);
    const audit = await db.auditLog.findMany({ where: { targetId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "user.create",
      actorLabel: "vitest",
      targetType: "user",
    });
  });

  it("reject bad input with field errors and write nothing", async () => {
    const before = await db.user.count();
    const error = await expectAppError(
      createUser(cli, { email: "not-an-email", name: "", role: "root", password: "short" }),
      "validation_failed",
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
    expect(await db.user.count()).toBe(before);
  });

  it("reject a duplicate email with 409 and no audit row", async () => {
    const existing = await makeUser();
    const auditBefore = await db.auditLog.count({ where: { action: "user.create" } });
    const error = await expectAppError(
      createUser(cli, { email: existing.email, name: "Dup" }),
      "conflict",
    );
    expect(error.fields).toEqual({ email: ["Already in use."] });
    expect(await db.auditLog.count({ where: { action: "user.create" } })).toBe(auditBefore);
  });

  it("keep at least one active admin", async () => {
    await db.$transaction(async (tx) => {
      const admins = await tx.user.findMany({ where: { role: "admin", disabled: false } });
      for (const admin of admins)
        await tx.user.update({ where: { id: admin.id }, data: { role: "lead" } });
    });
    const only = await makeUser("admin", "only-admin");
    await expectAppError(setUserRole(cli, { userId: only.id, role: "viewer" }), "conflict");
    await expectAppError(setUserDisabled(cli, { userId: only.id, disabled: true }), "conflict");
    const second = await makeUser("admin", "second-admin");
    await expect(setUserRole(cli, { userId: only.id, role: "viewer" })).resolves.toMatchObject({
      role: "viewer",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: second.id } })).role).toBe("admin");
  });

  it("answer 404 for a missing user", async () => {
    await expectAppError(
      setUserRole(cli, { userId: "00000000-0000-4000-8000-000000000000", role: "viewer" }),
      "not_found",
    );
  });
});
