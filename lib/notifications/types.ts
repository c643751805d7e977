import type { z } from "zod";
import type { IncidentNotification } from "@/lib/incidents/types";
import type { NotificationEvent } from "@/lib/incidents/labels";
import type { LabelledNotificationEvent, webhookTestEvent } from "@/lib/notifications/labels";
import type {
  createWebhookSchema,
  deliveriesQuerySchema,
  pageContactPayloadSchema,
  updateWebhookSchema,
} from "@/lib/notifications/schema";

export type { WebhookFormat } from "@/lib/notifications/labels";
import type { WebhookFormat } from "@/lib/notifications/labels";

export type DeliveryEvent = NotificationEvent | typeof webhookTestEvent;

type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
/** Fails to compile when an incident notification event has no label in labels.ts, or a label names no event. */
export type NotificationEventsLabelled = Expect<
  SameMembers<LabelledNotificationEvent, NotificationEvent>
>;

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

export type CreateWebhookInput = z.input<typeof createWebhookSchema>;
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;
export type DeliveriesQuery = z.input<typeof deliveriesQuerySchema>;
export type PageContactPayload = z.infer<typeof pageContactPayloadSchema>;

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
  lastDelivery: {
    status: DeliveryStatus;
    event: string;
    at: string;
    httpStatus: number | null;
  } | null;
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
