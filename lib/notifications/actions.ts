"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError } from "@/lib/errors";
import { createWebhook, deleteWebhook, retryDelivery, sendTestDelivery, updateWebhook } from "@/lib/notifications/data";
import { webhookInputFromForm } from "@/lib/notifications/webhook-form-input";
import { guardedAction } from "@/lib/server-action";

const uuid = z.string().uuid();

function webhookIdFrom(input: Record<string, unknown>): string {
  const parsed = uuid.safeParse(input.webhookId);
  if (!parsed.success) throw notFoundError("The webhook");
  return parsed.data;
}

function revalidateWebhookPages(webhookId?: string): void {
  revalidatePath("/settings/webhooks");
  if (webhookId) revalidatePath(`/settings/webhooks/${webhookId}`);
}

export const createWebhookAction = guardedAction("admin", async (input, actor) => {
  const webhook = await createWebhook(actor, webhookInputFromForm(input));
  revalidateWebhookPages();
  return webhook;
});

/** The edit form: a blank URL keeps the stored one. */
export const updateWebhookAction = guardedAction("admin", async (input, actor) => {
  const webhookId = webhookIdFrom(input);
  const webhook = await updateWebhook(actor, webhookId, webhookInputFromForm(input));
  revalidateWebhookPages(webhookId);
  return webhook;
});

export const setWebhookEnabledAction = guardedAction("admin", async (input, actor) => {
  const webhookId = webhookIdFrom(input);
  const webhook = await updateWebhook(actor, webhookId, { version: input.version, enabled: input.enabled === "true" });
  revalidateWebhookPages(webhookId);
  return webhook;
});

export const deleteWebhookAction = guardedAction("admin", async (input, actor) => {
  const webhookId = webhookIdFrom(input);
  await deleteWebhook(actor, webhookId);
  revalidateWebhookPages();
  return { deleted: webhookId };
});

export const sendTestWebhookAction = guardedAction("admin", async (input, actor) => {
  const webhookId = webhookIdFrom(input);
  const delivery = await sendTestDelivery(actor, webhookId);
  revalidateWebhookPages(webhookId);
  return delivery;
});

export const retryDeliveryAction = guardedAction("admin", async (input, actor) => {
  const webhookId = webhookIdFrom(input);
  const delivery = await retryDelivery(actor, webhookId, String(input.deliveryId ?? ""));
  revalidateWebhookPages(webhookId);
  return delivery;
});
