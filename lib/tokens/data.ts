import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { notFoundError, validationError } from "@/lib/errors";
import type { ApiToken, User } from "@/lib/generated/prisma/client";
import { createTokenSchema, revokeTokenSchema } from "@/lib/tokens/schema";
import type { ApiTokenView, CreateTokenInput, RevokeTokenInput } from "@/lib/tokens/types";
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from "@/lib/tokens/secret";
import { toActor } from "@/lib/users/data";
import { parseInput } from "@/lib/validation";

const dayMs = 86_400_000;
const lastUsedResolutionMs = 60_000;

function toTokenView(
  token: ApiToken & { owner: Pick<User, "id" | "email" | "name"> },
  now = new Date(),
): ApiTokenView {
  const state = token.revokedAt
    ? "revoked"
    : token.expiresAt && token.expiresAt <= now
      ? "expired"
      : "active";
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    owner: { id: token.owner.id, email: token.owner.email, name: token.owner.name },
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    state,
  };
}

const ownerFields = { select: { id: true, email: true, name: true } } as const;

export async function listApiTokens(filter: { ownerId?: string } = {}): Promise<ApiTokenView[]> {
  const tokens = await db.apiToken.findMany({
    where: filter.ownerId ? { ownerId: filter.ownerId } : {},
    include: { owner: ownerFields },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return tokens.map((token) => toTokenView(token));
}

/** The secret is returned here once and never stored: only its hash is. */
export async function createApiToken(
  actor: Actor | AuditActor,
  input: CreateTokenInput,
): Promise<{ token: ApiTokenView; secret: string }> {
  const parsed = parseInput(createTokenSchema, input);
  const ownerEmail = parsed.ownerEmail ?? ("email" in actor ? actor.email : undefined);
  if (!ownerEmail) throw validationError({ ownerEmail: ["Say whose token this is."] });
  const owner = await db.user.findUnique({ where: { email: ownerEmail } });
  if (!owner) throw validationError({ ownerEmail: ["No user has that email."] });
  if (owner.disabled) throw validationError({ ownerEmail: ["That user is disabled."] });
  const { secret, prefix } = generateTokenSecret();
  const token = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: parsed.name,
        prefix,
        secretHash: hashTokenSecret(secret),
        ownerId: owner.id,
        expiresAt: parsed.expiresInDays
          ? new Date(Date.now() + parsed.expiresInDays * dayMs)
          : null,
      },
      include: { owner: ownerFields },
    });
    await recordAudit(tx, actor, {
      action: "token.create",
      targetType: "api_token",
      targetId: created.id,
      details: { name: created.name, prefix, owner: owner.email },
    });
    return created;
  });
  return { token: toTokenView(token), secret };
}

export async function revokeApiToken(
  actor: Actor | AuditActor,
  input: RevokeTokenInput,
): Promise<ApiTokenView> {
  const { tokenId } = parseInput(revokeTokenSchema, input);
  return db.$transaction(async (tx) => {
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt },
    });
    const token = await tx.apiToken.findUnique({
      where: { id: tokenId },
      include: { owner: ownerFields },
    });
    if (!token) throw notFoundError("The API token");
    if (count === 1) {
      await recordAudit(tx, actor, {
        action: "token.revoke",
        targetType: "api_token",
        targetId: tokenId,
        details: { name: token.name, prefix: token.prefix },
      });
    }
    return toTokenView(token);
  });
}

export async function authenticateApiToken(
  secret: string,
  now = new Date(),
): Promise<Actor | null> {
  if (!looksLikeTokenSecret(secret)) return null;
  const token = await db.apiToken.findUnique({
    where: { secretHash: hashTokenSecret(secret) },
    include: { owner: true },
  });
  if (
    !token ||
    token.revokedAt ||
    (token.expiresAt && token.expiresAt <= now) ||
    token.owner.disabled
  )
    return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > lastUsedResolutionMs) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return toActor(token.owner);
}
