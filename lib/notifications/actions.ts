"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError } from "@/lib/errors";
import {
  createWebhook,
  deleteWebhook,
  retryDelivery,
  sendTestDelivery,
  updateWebhook,
} from "@/lib/notifications/data";
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/notifications/types";
import { guardedCall } from "@/lib/server-action";

const uuid = z.string().uuid();

function checkedWebhookId(webhookId: string): string {
  const parsed = uuid.safeParse(webhookId);
  if (!parsed.success) throw notFoundError("The webhook");
  return parsed.data;
}

function revalidateWebhookPages(webhookId?: string): void {
  revalidatePath("/settings/webhooks");
  if (webhookId) revalidatePath(`/settings/webhooks/${webhookId}`);
}

export const createWebhookAction = guardedCall(
  "admin",
  async (actor, input: CreateWebhookInput) => {
    const webhook = await createWebhook(actor, input);
    revalidateWebhookPages();
    return webhook;
  },
);

/** The edit form: a blank URL keeps the stored one. */
export const updateWebhookAction = guardedCall(
  "admin",
  async (actor, webhookId: string, input: UpdateWebhookInput) => {
    const webhook = await updateWebhook(actor, checkedWebhookId(webhookId), input);
    revalidateWebhookPages(webhookId);
    return webhook;
  },
);

export const setWebhookEnabledAction = guardedCall(
  "admin",
  async (actor, webhookId: string, input: { version: number; enabled: boolean }) => {
    const webhook = await updateWebhook(actor, checkedWebhookId(webhookId), {
      version: input.version,
      enabled: input.enabled === true,
    });
    revalidateWebhookPages(webhookId);
    return webhook;
  },
);

export const deleteWebhookAction = guardedCall("admin", async (actor, webhookId: string) => {
  await deleteWebhook(actor, checkedWebhookId(webhookId));
  revalidateWebhookPages();
  return { deleted: webhookId };
});

export const sendTestWebhookAction = guardedCall("admin", async (actor, webhookId: string) => {
  const delivery = await sendTestDelivery(actor, checkedWebhookId(webhookId));
  revalidateWebhookPages(webhookId);
  return delivery;
});

export const retryDeliveryAction = guardedCall(
  "admin",
  async (actor, webhookId: string, deliveryId: string) => {
    const delivery = await retryDelivery(actor, checkedWebhookId(webhookId), String(deliveryId));
    revalidateWebhookPages(webhookId);
    return delivery;
  },
);
