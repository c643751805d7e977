import { z } from "zod";
import { notificationEvents } from "@/lib/incidents/labels";
import { pageContactEvent, webhookFormats, webhookUrlMaxLength } from "@/lib/notifications/labels";
import { bigintIdStringSchema } from "@/lib/validation";
import { isHttpUrl } from "@/lib/markdown";

/** Kept for lib/board/feed.ts and lib/handoffs/* until they import labels.ts, types.ts and payload.ts. */

const webhookUrl = z
  .string()
  .trim()
  .min(1, "Paste the webhook URL.")
  .max(webhookUrlMaxLength, `At most ${webhookUrlMaxLength} characters.`)
  .refine((value) => URL.canParse(value), "That is not a URL.")
  .refine(
    (value) => !URL.canParse(value) || isHttpUrl(value),
    "Only http and https URLs are allowed.",
  );

const webhookFields = {
  name: z.string().trim().min(1, "Give the webhook a name.").max(100, "At most 100 characters."),
  format: z.enum(webhookFormats, { message: "Choose Generic JSON or Slack-compatible." }),
  events: z
    .array(z.enum(notificationEvents, { message: "Unknown event." }))
    .max(notificationEvents.length)
    .default([]),
  enabled: z.boolean().default(true),
};

export const createWebhookSchema = z.object({ ...webhookFields, url: webhookUrl });

/** On edit a blank URL keeps the stored one, so the secret never has to travel back to the browser. */
export const updateWebhookSchema = z.object({
  ...webhookFields,
  url: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    webhookUrl.optional(),
  ),
  version: z.coerce.number().int().min(1, "Send the version you read."),
});

export const deliveriesQuerySchema = z.object({
  before: z.preprocess(
    (value) => (value === "" ? undefined : value),
    bigintIdStringSchema("Use a delivery id.").optional(),
  ),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const pageContactPayloadSchema = z.object({
  event: z.literal(pageContactEvent),
  eventKey: z.string(),
  occurredAt: z.string(),
  page: z.object({ id: z.string(), number: z.number().int(), step: z.string() }),
  message: z.object({
    title: z.string(),
    text: z.string(),
    link: z.string(),
    kind: z.string(),
    priority: z.enum(["urgent", "high", "default", "low"]),
  }),
});
