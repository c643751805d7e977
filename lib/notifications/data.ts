import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import {
  AppError,
  conflictError,
  isUniqueViolation,
  notFoundError,
  validationError,
  type FieldErrors,
} from "@/lib/errors";
import type { OutboxDelivery, Prisma, Webhook } from "@/lib/generated/prisma/client";
import type { NotificationEvent } from "@/lib/incidents/labels";
import { nudgeOutbox, webhookDestination } from "@/lib/notifications/outbox";
import { webhookTestNotification } from "@/lib/notifications/payload";
import { webhookTestEvent } from "@/lib/notifications/labels";
import { redactUrl } from "@/lib/notifications/redact-url";
import {
  createWebhookSchema,
  deliveriesQuerySchema,
  updateWebhookSchema,
} from "@/lib/notifications/schema";
import type {
  CreateWebhookInput,
  DeliveryPage,
  DeliveryView,
  UpdateWebhookInput,
  WebhookView,
} from "@/lib/notifications/types";
import { assertUrlAllowedBySyntax } from "@/lib/outbound/policy";
import { fieldErrorsOf, parseInput } from "@/lib/validation";
import { updateOnVersion } from "@/lib/versioned-update";

const uuid = z.string().uuid();
type LastDelivery = Pick<
  OutboxDelivery,
  "webhookId" | "status" | "event" | "createdAt" | "deliveredAt" | "lastHttpStatus"
>;

function toWebhookView(webhook: Webhook, last: LastDelivery | undefined): WebhookView {
  return {
    id: webhook.id,
    name: webhook.name,
    redactedUrl: redactUrl(webhook.url),
    format: webhook.format,
    events: webhook.events as NotificationEvent[],
    enabled: webhook.enabled,
    version: webhook.version,
    createdAt: webhook.createdAt.toISOString(),
    updatedAt: webhook.updatedAt.toISOString(),
    lastDelivery: last
      ? {
          status: last.status,
          event: last.event,
          at: (last.deliveredAt ?? last.createdAt).toISOString(),
          httpStatus: last.lastHttpStatus,
        }
      : null,
  };
}

/** The newest delivery of each webhook in one query (the (webhookId, id desc) index), whatever their number. */
async function lastDeliveries(webhookIds: string[]): Promise<Map<string, LastDelivery>> {
  if (webhookIds.length === 0) return new Map();
  const rows = await db.$queryRaw<LastDelivery[]>`
    SELECT DISTINCT ON ("webhookId") "webhookId", status, event, "createdAt", "deliveredAt", "lastHttpStatus"
    FROM "OutboxDelivery"
    WHERE "webhookId" = ANY(${webhookIds}::uuid[])
    ORDER BY "webhookId", id DESC`;
  return new Map(rows.map((row) => [row.webhookId ?? "", row]));
}

export async function listWebhooks(): Promise<WebhookView[]> {
  const webhooks = await db.webhook.findMany({ orderBy: { name: "asc" } });
  const last = await lastDeliveries(webhooks.map((webhook) => webhook.id));
  return webhooks.map((webhook) => toWebhookView(webhook, last.get(webhook.id)));
}

export async function getWebhook(webhookId: string): Promise<WebhookView | null> {
  if (!uuid.safeParse(webhookId).success) return null;
  const webhook = await db.webhook.findUnique({ where: { id: webhookId } });
  if (!webhook) return null;
  const last = await lastDeliveries([webhook.id]);
  return toWebhookView(webhook, last.get(webhook.id));
}

/** The schema and the outbound policy together, so one answer lists every field that is wrong. */
async function withPolicyCheck<T extends { url?: string }>(
  result: z.ZodSafeParseResult<T>,
): Promise<T> {
  const fields: FieldErrors = result.success ? {} : fieldErrorsOf(result.error);
  const url = result.success ? result.data.url : undefined;
  if (url !== undefined && !fields.url) {
    const policyFields = await assertUrlAllowedBySyntax(url, "url").then(
      () => ({}) as FieldErrors,
      (error: unknown) =>
        error instanceof AppError && error.fields
          ? error.fields
          : { url: ["That URL is not allowed."] },
    );
    if (policyFields.url) fields.url = policyFields.url;
  }
  if (!result.success || Object.keys(fields).length > 0) throw validationError(fields);
  return result.data;
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error))
    throw conflictError("A webhook with that name already exists.", { name: ["Already in use."] });
  throw error;
}

function auditDetails(webhook: Webhook): Prisma.InputJsonValue {
  return {
    name: webhook.name,
    url: redactUrl(webhook.url),
    format: webhook.format,
    events: webhook.events,
    enabled: webhook.enabled,
    version: webhook.version,
  };
}

export async function createWebhook(
  actor: Actor | AuditActor,
  input: CreateWebhookInput,
): Promise<WebhookView> {
  const parsed = await withPolicyCheck(createWebhookSchema.safeParse(input));
  const webhook = await db
    .$transaction(async (tx) => {
      const created = await tx.webhook.create({
        data: {
          name: parsed.name,
          url: parsed.url,
          format: parsed.format,
          events: [...new Set(parsed.events)],
          enabled: parsed.enabled,
        },
      });
      await recordAudit(tx, actor, {
        action: "webhook.create",
        targetType: "webhook",
        targetId: created.id,
        details: auditDetails(created),
      });
      return created;
    })
    .catch(nameTaken);
  return toWebhookView(webhook, undefined);
}

/**
 * A conditional write on the version the editor saw (409 when stale). Fields not sent keep their values;
 * a blank or missing URL keeps the stored one, which is only re-checked by the policy when it changes.
 */
export async function updateWebhook(
  actor: Actor | AuditActor,
  webhookId: string,
  input: Partial<UpdateWebhookInput> & Pick<UpdateWebhookInput, "version">,
): Promise<WebhookView> {
  if (!uuid.safeParse(webhookId).success) throw notFoundError("The webhook");
  const current = await db.webhook.findUnique({ where: { id: webhookId } });
  if (!current) throw notFoundError("The webhook");
  // Server actions are called over the network: the declared type is what a caller should send, not a guarantee.
  const sent: object = typeof input === "object" && input !== null ? input : {};
  const parsed = await withPolicyCheck(
    updateWebhookSchema.safeParse({
      name: current.name,
      format: current.format,
      events: current.events,
      enabled: current.enabled,
      ...Object.fromEntries(Object.entries(sent).filter(([, value]) => value !== undefined)),
    }),
  );
  const webhook = await db
    .$transaction(async (tx) => {
      await updateOnVersion(
        tx.webhook,
        {
          id: webhookId,
          version: parsed.version,
          what: "The webhook",
          conflict: (now) =>
            `Someone changed this webhook since you opened it (now version ${now}). Reload to see their change.`,
        },
        {
          name: parsed.name,
          format: parsed.format,
          events: [...new Set(parsed.events)],
          enabled: parsed.enabled,
          ...(parsed.url !== undefined ? { url: parsed.url } : {}),
        },
      );
      const updated = await tx.webhook.findUniqueOrThrow({ where: { id: webhookId } });
      await recordAudit(tx, actor, {
        action: "webhook.update",
        targetType: "webhook",
        targetId: webhookId,
        details: {
          ...(auditDetails(updated) as Record<string, Prisma.InputJsonValue>),
          urlChanged: parsed.url !== undefined && parsed.url !== current.url,
        },
      });
      return updated;
    })
    .catch(nameTaken);
  const last = await lastDeliveries([webhook.id]);
  return toWebhookView(webhook, last.get(webhook.id));
}

/** Its delivery log goes with it (the rows cascade). */
export async function deleteWebhook(actor: Actor | AuditActor, webhookId: string): Promise<void> {
  if (!uuid.safeParse(webhookId).success) throw notFoundError("The webhook");
  await db.$transaction(async (tx) => {
    const webhook = await tx.webhook.findUnique({ where: { id: webhookId } });
    if (!webhook) throw notFoundError("The webhook");
    await tx.webhook.delete({ where: { id: webhookId } });
    await recordAudit(tx, actor, {
      action: "webhook.delete",
      targetType: "webhook",
      targetId: webhookId,
      details: { name: webhook.name, url: redactUrl(webhook.url) },
    });
  });
}

function toDeliveryView(row: OutboxDelivery): DeliveryView {
  return {
    id: row.id.toString(),
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastHttpStatus: row.lastHttpStatus,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** Newest first, a page at a time (keyset on id). */
export async function listDeliveries(
  webhookId: string,
  query: unknown = {},
): Promise<DeliveryPage> {
  const { before, limit } = parseInput(deliveriesQuerySchema, query);
  if (!uuid.safeParse(webhookId).success) throw notFoundError("The webhook");
  const rows = await db.outboxDelivery.findMany({
    where: { webhookId, ...(before ? { id: { lt: BigInt(before) } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    deliveries: page.map(toDeliveryView),
    nextBefore: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

/** A failed delivery goes back to the queue with a fresh round of attempts; only a failed one (409 otherwise). */
export async function retryDelivery(
  actor: Actor | AuditActor,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryView> {
  if (!uuid.safeParse(webhookId).success || !/^\d{1,18}$/.test(deliveryId))
    throw notFoundError("The delivery");
  const id = BigInt(deliveryId);
  const row = await db.$transaction(async (tx) => {
    const { count } = await tx.outboxDelivery.updateMany({
      where: { id, webhookId, status: "failed" },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), leasedUntil: null },
    });
    if (count === 0) {
      const existing = await tx.outboxDelivery.findFirst({
        where: { id, webhookId },
        select: { status: true },
      });
      if (!existing) throw notFoundError("The delivery");
      throw conflictError(
        `This delivery is ${existing.status}, not failed: there is nothing to retry.`,
      );
    }
    const updated = await tx.outboxDelivery.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, actor, {
      action: "webhook.delivery_retry",
      targetType: "webhook",
      targetId: webhookId,
      details: { deliveryId, event: updated.event },
    });
    return updated;
  });
  nudgeOutbox();
  return toDeliveryView(row);
}

/**
 * Queues a "webhook.test" event for this webhook only, even a disabled one, after checking its URL
 * against the outbound policy as it stands now ("test now").
 */
export async function sendTestDelivery(
  actor: Actor | AuditActor,
  webhookId: string,
): Promise<DeliveryView> {
  if (!uuid.safeParse(webhookId).success) throw notFoundError("The webhook");
  const webhook = await db.webhook.findUnique({ where: { id: webhookId } });
  if (!webhook) throw notFoundError("The webhook");
  await assertUrlAllowedBySyntax(webhook.url, "url");
  const eventKey = `test:${randomUUID()}`;
  const payload = webhookTestNotification({
    eventKey,
    actor: "email" in actor ? actor.name || actor.email : actor.label,
    webhookName: webhook.name,
  });
  const row = await db.$transaction(async (tx) => {
    const created = await tx.outboxDelivery.create({
      data: {
        webhookId,
        destination: webhookDestination(webhookId),
        eventKey,
        event: webhookTestEvent,
        payload,
      },
    });
    await recordAudit(tx, actor, {
      action: "webhook.test",
      targetType: "webhook",
      targetId: webhookId,
      details: { name: webhook.name, deliveryId: created.id.toString() },
    });
    return created;
  });
  nudgeOutbox();
  return toDeliveryView(row);
}
