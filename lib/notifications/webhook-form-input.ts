import type { NotificationEvent } from "@/lib/incidents/labels";
import type { WebhookFormat } from "@/lib/notifications/labels";
import type { CreateWebhookInput } from "@/lib/notifications/types";

/** What the webhook form sends: the create input, and on edit the version the editor saw (a blank URL keeps the stored one). */
export type WebhookFormInput = CreateWebhookInput & { version: string | undefined };

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * Form fields into the schema's shape: one checkbox per event (`event.<name>`), `enabled` only when ticked. The
 * select's and checkboxes' values are the schema's own; the actions parse them all the same.
 */
export function webhookInputFromForm(form: Record<string, unknown>): WebhookFormInput {
  return {
    name: text(form.name),
    url: text(form.url),
    format: text(form.format) as WebhookFormat,
    version: form.version === undefined ? undefined : text(form.version),
    enabled: form.enabled === "true" || form.enabled === "on",
    events: Object.keys(form)
      .filter((key) => key.startsWith("event.") && (form[key] === "true" || form[key] === "on"))
      .map((key) => key.slice("event.".length) as NotificationEvent),
  };
}
