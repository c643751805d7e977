"use client";

import { useState } from "react";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { StaleChangeAlert } from "@/components/settings/stale-change-alert";
import { MutationForm } from "@/components/ui/mutation-form";
import { SubmitButton } from "@/components/ui/button";
import { Field, TextField, fieldAria } from "@/components/ui/field";
import { LabelledOptions, Select } from "@/components/ui/select";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { createWebhookAction, updateWebhookAction } from "@/lib/notifications/actions";
import {
  labelledNotificationEvents,
  notificationEventLabels,
  webhookFormatLabels,
  webhookFormats,
} from "@/lib/notifications/labels";
import type { WebhookView } from "@/lib/notifications/types";
import {
  webhookInputFromForm,
  type WebhookFormInput,
} from "@/lib/notifications/webhook-form-input";

const shownFields = [
  "name",
  "url",
  "format",
  "events",
  "enabled",
  ...labelledNotificationEvents.map((_, index) => `events.${index}`),
];

/**
 * Adds a webhook, or edits one when given. The URL field is a password-style input that starts empty
 * every time: the stored URL (its token) is never sent to the browser, and a blank one on edit keeps it.
 */
export function WebhookForm({ webhook }: { webhook?: WebhookView }) {
  const editing = webhook !== undefined;
  // The version the form was opened at; it moves on only with this form's own saves, so someone else's change still gets its 409.
  const [version, setVersion] = useState(webhook?.version);
  const { state, pending, formRef, onSubmit } = useFormMutation(
    (input: WebhookFormInput) =>
      webhook ? updateWebhookAction(webhook.id, input) : createWebhookAction(input),
    {
      toInput: (form) => webhookInputFromForm(Object.fromEntries(form)),
      resetOnSuccess: true,
      onSuccess: (saved) => setVersion(saved.version),
    },
  );

  const stale =
    state !== null && !state.ok && state.error.code === "conflict" && !state.error.fields;
  const topError = stale ? null : formError(state, shownFields);
  const id = (field: string) => `webhook-${webhook?.id ?? "new"}-${field}`;
  const eventErrors =
    state && !state.ok
      ? Object.entries(state.error.fields ?? {})
          .filter(([key]) => key === "events" || key.startsWith("events."))
          .flatMap(([, list]) => list)
      : [];
  const subscribed = new Set<string>(webhook?.events ?? []);

  return (
    <div className="flex flex-col gap-3">
      {stale ? (
        <StaleChangeAlert
          testId="stale-webhook"
          reloadHref={`/settings/webhooks/${webhook?.id ?? ""}`}
        >
          Someone changed this webhook since you opened it.
        </StaleChangeAlert>
      ) : null}
      <MutationForm
        form={{ formRef, onSubmit, state }}
        topError={topError}
        savedTestId="webhook-saved"
        saved={(data) => (
          <>
            {editing ? "Saved" : "Added"} {data.name}. It sends to {data.redactedUrl}.
          </>
        )}
        data-testid="webhook-form"
        className="grid gap-3 sm:grid-cols-2"
      >
        {webhook ? (
          <>
            <input type="hidden" name="version" value={version} />
          </>
        ) : null}
        <TextField
          id={id("name")}
          label="Name"
          name="name"
          defaultValue={webhook?.name}
          error={fieldErrors(state, "name")}
          hint="e.g. #ops-incidents in Slack."
          autoComplete="off"
          required
        />
        <Field
          id={id("format")}
          label="Format"
          error={fieldErrors(state, "format")}
          hint="Slack-compatible works for Slack and tools that accept its incoming-webhook format."
        >
          <Select
            id={id("format")}
            name="format"
            defaultValue={webhook?.format ?? "slack"}
            {...fieldAria(id("format"), fieldErrors(state, "format"), "hint")}
          >
            <LabelledOptions values={webhookFormats} labels={webhookFormatLabels} />
          </Select>
        </Field>
        <TextField
          id={id("url")}
          label={editing ? "New URL (optional)" : "URL"}
          name="url"
          type="password"
          placeholder={
            editing ? "Leave blank to keep the current URL" : "https://hooks.slack.com/services/…"
          }
          error={fieldErrors(state, "url")}
          hint={
            editing
              ? `Now ${webhook.redactedUrl}. Vigil never shows the full URL again; paste a new one only to replace it.`
              : "http or https. Vigil never shows it again after saving: its token is a secret. Private and loopback addresses need an outbound allow rule."
          }
          autoComplete="off"
          spellCheck={false}
          data-1p-ignore
          className="sm:col-span-2"
          required={!editing}
        />
        <fieldset
          className="flex flex-col gap-1.5 sm:col-span-2"
          aria-describedby={`${id("events")}-hint`}
        >
          <legend className="text-xs font-medium">Events</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1.5">
            {labelledNotificationEvents.map((event) => (
              <label key={event} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  name={`event.${event}`}
                  value="true"
                  defaultChecked={subscribed.has(event)}
                  className="size-4 accent-[var(--accent)]"
                />
                {notificationEventLabels[event]}
              </label>
            ))}
          </div>
          <p id={`${id("events")}-hint`} className="text-xs text-muted">
            None ticked sends every event.
          </p>
          {eventErrors.length > 0 ? (
            <p className="text-xs font-medium text-danger">{[...new Set(eventErrors)].join(" ")}</p>
          ) : null}
        </fieldset>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input
            type="checkbox"
            name="enabled"
            value="true"
            defaultChecked={webhook?.enabled ?? true}
            className="size-4 accent-[var(--accent)]"
          />
          Enabled
          <span className="text-xs text-muted">(a disabled webhook is sent nothing but tests)</span>
        </label>
        <div>
          <SubmitButton
            pending={pending}
            label={editing ? "Save changes" : "Add webhook"}
            pendingLabel="Saving…"
          />
        </div>
      </MutationForm>
    </div>
  );
}
