export const webhookFormats = ["generic", "slack"] as const;
export type WebhookFormat = (typeof webhookFormats)[number];
export const webhookFormatLabels: Record<WebhookFormat, string> = {
  generic: "Generic JSON",
  slack: "Slack-compatible",
};

/** Keyed by every incident notification event, in the order the webhook form lists them. */
export const notificationEventLabels = {
  "incident.declared": "Incident declared",
  "incident.severity_changed": "Severity changed",
  "incident.status_changed": "Status changed",
  "incident.update_posted": "Status update posted",
  "incident.resolved": "Incident resolved",
  "postmortem.due_soon": "Postmortem due tomorrow",
  "postmortem.overdue": "Postmortem overdue",
  "handoff.created": "On-call handoff",
} as const satisfies Record<string, string>;
export type LabelledNotificationEvent = keyof typeof notificationEventLabels;
export const labelledNotificationEvents = Object.keys(
  notificationEventLabels,
) as LabelledNotificationEvent[];

export const webhookTestEvent = "webhook.test";
export const deliveryEventLabels: Record<
  LabelledNotificationEvent | typeof webhookTestEvent,
  string
> = { ...notificationEventLabels, [webhookTestEvent]: "Test" };

export const webhookUrlMaxLength = 2_000;

/** A page's message to one contact method (`contact:<methodId>`, or `contact:mailto:<address>` for an escalation contact's address). */
export const pageContactEvent = "page.notification";

/** A delivery's event as the settings pages show it; an event this version does not know shows as stored. */
export function deliveryEventLabel(event: string): string {
  return Object.hasOwn(deliveryEventLabels, event)
    ? deliveryEventLabels[event as keyof typeof deliveryEventLabels]
    : event;
}
