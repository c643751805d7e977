import { z } from "zod";
import { bigintIdStringSchema } from "@/lib/validation";
import { notificationEvents, type IncidentNotification, type NotificationEvent } from "@/lib/incidents/schema";

export const webhookFormats = ["generic", "slack"] as const;
export type WebhookFormat = (typeof webhookFormats)[number];
export const webhookFormatLabels: Record<WebhookFormat, string> = { generic: "Generic JSON", slack: "Slack-compatible" };

export const notificationEventLabels: Record<NotificationEvent, string> = {
  "incident.declared": "Incident declared",
  "incident.severity_changed": "Severity changed",
  "incident.status_changed": "Status changed",
  "incident.update_posted": "Status update posted",
  "incident.resolved": "Incident resolved",
  "postmortem.due_soon": "Postmortem due tomorrow",
  "postmortem.overdue": "Postmortem overdue",
  "handoff.created": "On-call handoff",
};

export const webhookTestEvent = "webhook.test";
export type DeliveryEvent = NotificationEvent | typeof webhookTestEvent;
export const deliveryEventLabels: Record<DeliveryEvent, string> = { ...notificationEventLabels, [webhookTestEvent]: "Test" };

/** What "Send test" queues for one webhook: the same envelope as an incident event, without an incident. */
export type WebhookTestNotification = {
  event: typeof webhookTestEvent;
  eventKey: string;
  occurredAt: string;
  actor: string;
  message: string;
  webhook: { name: string };
};

/** An on-call handoff was written: the runbook's template filled in (`text`), and who hands over to whom. */
export type HandoffNotification = {
  event: "handoff.created";
  eventKey: string;
  occurredAt: string;
  actor: string;
  handoff: {
    id: string;
    number: number;
    url: string;
    windowStart: string;
    windowEnd: string;
    outgoing: string;
    incoming: string;
    text: string;
  };
};

/** Every event the outbox carries to webhooks (and some to the HoloMesh team feed). */
export type OutboxNotification = IncidentNotification | HandoffNotification;
export type OutboxPayload = OutboxNotification | WebhookTestNotification;

export function isHandoffNotification(notification: OutboxPayload): notification is HandoffNotification {
  return notification.event === "handoff.created" && "handoff" in notification;
}

export const webhookUrlMaxLength = 2_000;

const webhookUrl = z
  .string()
  .trim()
  .min(1, "Paste the webhook URL.")
  .max(webhookUrlMaxLength, `At most ${webhookUrlMaxLength} characters.`)
  .refine((value) => URL.canParse(value), "That is not a URL.")
  .refine((value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol), "Only http and https URLs are allowed.");

const webhookFields = {
  name: z.string().trim().min(1, "Give the webhook a name.").max(100, "At most 100 characters."),
  format: z.enum(webhookFormats, { message: "Choose Generic JSON or Slack-compatible." }),
  events: z.array(z.enum(notificationEvents, { message: "Unknown event." })).max(notificationEvents.length).default([]),
  enabled: z.boolean().default(true),
};

export const createWebhookSchema = z.object({ ...webhookFields, url: webhookUrl });
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

/** On edit a blank URL keeps the stored one, so the secret never has to travel back to the browser. */
export const updateWebhookSchema = z.object({
  ...webhookFields,
  url: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), webhookUrl.optional()),
  version: z.coerce.number().int().min(1, "Send the version you read."),
});
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

export const webhookVersionSchema = z.object({ version: z.coerce.number().int().min(1, "Send the version you read.") });

export const deliveriesQuerySchema = z.object({
  before: z.preprocess((value) => (value === "" ? undefined : value), bigintIdStringSchema("Use a delivery id.").optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeliveriesQuery = z.input<typeof deliveriesQuerySchema>;

/** Form fields into the schema's shape: one checkbox per event (`event.<name>`), `enabled` only when ticked. */
export function webhookInputFromForm(form: Record<string, unknown>): Record<string, unknown> {
  return {
    name: form.name,
    url: form.url,
    format: form.format,
    version: form.version,
    enabled: form.enabled === "true" || form.enabled === "on",
    events: Object.keys(form)
      .filter((key) => key.startsWith("event.") && (form[key] === "true" || form[key] === "on"))
      .map((key) => key.slice("event.".length)),
  };
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

export type WebhookView = {
  id: string;
  name: string;
  /** Scheme, host and at most one harmless path segment; the rest masked. The stored URL never leaves the server. */
  redactedUrl: string;
  format: WebhookFormat;
  events: NotificationEvent[];
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastDelivery: { status: DeliveryStatus; event: string; at: string; httpStatus: number | null } | null;
};

export type DeliveryView = {
  id: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  lastHttpStatus: number | null;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
};

export type DeliveryPage = { deliveries: DeliveryView[]; nextBefore: string | null };

const mask = "••••";
// Path prefixes such as "services", "api", "hooks" or "v1" name an endpoint; anything else may be the secret itself.
const harmlessSegment = /^(?:[A-Za-z][A-Za-z_.-]{0,23}|v\d{1,2})$/;

/**
 * A webhook URL as it may be shown or logged: `https://hooks.slack.com/services/••••`. Userinfo and the
 * query string never appear; only a first path segment that reads like a word is kept.
 */
export function redactUrl(value: string): string {
  if (!URL.canParse(value)) return mask;
  const url = new URL(value);
  const segments = url.pathname.split("/").filter(Boolean);
  const [first] = segments;
  const kept = first !== undefined && harmlessSegment.test(first) ? `/${first}` : "";
  const hidden = segments.length > (kept ? 1 : 0) || url.search !== "" || url.hash !== "";
  return `${url.protocol}//${url.host}${kept}${hidden ? `/${mask}` : ""}`;
}

/** Every part of a URL that redactUrl hides, longest first, so a message can be scrubbed of them. */
export function secretPartsOf(value: string): string[] {
  if (!URL.canParse(value)) return [value].filter((part) => part.length > 0);
  const url = new URL(value);
  const segments = url.pathname.split("/").filter(Boolean);
  const [first] = segments;
  const hiddenSegments = first !== undefined && harmlessSegment.test(first) ? segments.slice(1) : segments;
  const parts = [
    value,
    url.href,
    `${url.pathname}${url.search}`,
    url.search,
    url.search.slice(1),
    url.hash,
    url.username,
    url.password,
    ...hiddenSegments,
    ...hiddenSegments.map((segment) => decodeURIComponentSafe(segment)),
    ...[...url.searchParams.values()],
  ];
  return [...new Set(parts.filter((part) => part.length >= 3))].sort((a, b) => b.length - a.length);
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A message (an error, a log line) with every secret part of the URL replaced by the mask. */
export function scrubUrlSecrets(message: string, url: string): string {
  return secretPartsOf(url).reduce((text, part) => text.split(part).join(mask), message);
}

/** A page's message to one contact method (`contact:<methodId>`, or `contact:mailto:<address>` for an escalation contact's address). */
export const pageContactEvent = "page.notification";
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
export type PageContactPayload = z.infer<typeof pageContactPayloadSchema>;
