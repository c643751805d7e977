import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Actor, Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { conflictError, isUniqueViolation, notFoundError, validationError } from "@/lib/errors";
import type { Prisma, User } from "@/lib/generated/prisma/client";
import {
  changeOwnPasswordSchema,
  createUserSchema,
  resetPasswordSchema,
  setUserDisabledSchema,
  setUserRoleSchema,
} from "@/lib/users/schema";
import type {
  ChangeOwnPasswordInput,
  CreateUserRequest,
  ResetPasswordInput,
  SetUserDisabledInput,
  SetUserRoleRequest,
  UserView,
} from "@/lib/users/types";
import { parseInput } from "@/lib/validation";

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toActor(user: Pick<User, "id" | "email" | "name" | "role">): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function listUsers(): Promise<UserView[]> {
  const users = await db.user.findMany({ orderBy: [{ disabled: "asc" }, { email: "asc" }] });
  return users.map(toUserView);
}

export async function getUserView(userId: string): Promise<UserView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return null;
  const user = await db.user.findUnique({ where: { id: userId } });
  return user ? toUserView(user) : null;
}

export async function findUserByEmail(email: string): Promise<User | null> {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export async function createUser(
  actor: Actor | AuditActor,
  input: CreateUserRequest,
): Promise<{ user: UserView; generatedPassword: string | null }> {
  const parsed = parseInput(createUserSchema, input);
  const generatedPassword = parsed.password ? null : generatePassword();
  const passwordHash = await hashPassword(parsed.password ?? (generatedPassword as string));
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: parsed.email, name: parsed.name, role: parsed.role, passwordHash },
      });
      await recordAudit(tx, actor, {
        action: "user.create",
        targetType: "user",
        targetId: created.id,
        details: { email: created.email, role: created.role },
      });
      return created;
    });
    return { user: toUserView(user), generatedPassword };
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflictError("A user with that email already exists.", { email: ["Already in use."] });
    throw error;
  }
}

async function countOtherActiveAdmins(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<number> {
  return tx.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
}

/** Role, disable and password changes bump the session version and end that user's open sessions. */
async function updateUserWithSessionEnd(
  actor: Actor | AuditActor,
  userId: string,
  change: { role?: Role; disabled?: boolean; passwordHash?: string },
  audit: { action: string; details: Prisma.InputJsonObject },
): Promise<UserView> {
  return db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: userId } });
    if (!current) throw notFoundError("The user");
    const losesAdmin =
      current.role === "admin" &&
      !current.disabled &&
      ((change.role && change.role !== "admin") || change.disabled === true);
    if (losesAdmin && (await countOtherActiveAdmins(tx, userId)) === 0) {
      throw conflictError("Vigil needs at least one active admin. Promote someone else first.");
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: { ...change, sessionVersion: { increment: 1 } },
    });
    const now = new Date();
    await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
    // Disabling revokes the user's API tokens for good: enabling the account again must not bring old tokens back.
    const revokedTokens =
      change.disabled === true
        ? (
            await tx.apiToken.updateMany({
              where: { ownerId: userId, revokedAt: null },
              data: { revokedAt: now },
            })
          ).count
        : 0;
    const details = revokedTokens > 0 ? { ...audit.details, revokedTokens } : audit.details;
    await recordAudit(tx, actor, {
      action: audit.action,
      targetType: "user",
      targetId: userId,
      details,
    });
    return toUserView(updated);
  });
}

export async function setUserRole(
  actor: Actor | AuditActor,
  input: SetUserRoleRequest,
): Promise<UserView> {
  const { userId, role } = parseInput(setUserRoleSchema, input);
  return updateUserWithSessionEnd(
    actor,
    userId,
    { role },
    { action: "user.set_role", details: { role } },
  );
}

export async function setUserDisabled(
  actor: Actor | AuditActor,
  input: SetUserDisabledInput,
): Promise<UserView> {
  const { userId, disabled } = parseInput(setUserDisabledSchema, input);
  return updateUserWithSessionEnd(
    actor,
    userId,
    { disabled },
    { action: disabled ? "user.disable" : "user.enable", details: {} },
  );
}

export async function resetUserPassword(
  actor: Actor | AuditActor,
  input: ResetPasswordInput,
): Promise<{ user: UserView; generatedPassword: string | null }> {
  const parsed = parseInput(resetPasswordSchema, input);
  const generatedPassword = parsed.password ? null : generatePassword();
  const passwordHash = await hashPassword(parsed.password ?? (generatedPassword as string));
  const user = await updateUserWithSessionEnd(
    actor,
    parsed.userId,
    { passwordHash },
    { action: "user.reset_password", details: {} },
  );
  return { user, generatedPassword };
}

export async function changeOwnPassword(
  actor: Actor,
  input: ChangeOwnPasswordInput,
): Promise<void> {
  const parsed = parseInput(changeOwnPasswordSchema, input);
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user?.passwordHash || !(await verifyPassword(parsed.currentPassword, user.passwordHash))) {
    throw validationError({ currentPassword: ["That is not your current password."] });
  }
  const passwordHash = await hashPassword(parsed.newPassword);
  await updateUserWithSessionEnd(
    actor,
    actor.id,
    { passwordHash },
    { action: "user.change_password", details: {} },
  );
}

/** On an empty database, make the first admin so someone can sign in; never with a fixed password. */
export async function ensureFirstAdmin(options: {
  email?: string;
  password?: string;
}): Promise<{ email: string; password: string | null } | null> {
  if ((await db.user.count()) > 0) return null;
  const email = options.email ?? "admin@vigil.local";
  const { generatedPassword } = await createUser(
    { id: null, label: "first-run" },
    { email, name: "Administrator", role: "admin", password: options.password },
  );
  return { email, password: generatedPassword };
}
