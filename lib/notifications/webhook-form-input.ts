/** What the webhook form sends; the create and update actions parse it with their schemas. */
export type WebhookFormInput = {
  name: unknown;
  url: unknown;
  format: unknown;
  version: unknown;
  enabled: boolean;
  events: string[];
};

/** Form fields into the schema's shape: one checkbox per event (`event.<name>`), `enabled` only when ticked. */
export function webhookInputFromForm(form: Record<string, unknown>): WebhookFormInput {
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
