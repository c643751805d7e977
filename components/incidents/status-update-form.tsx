"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { newIdempotencyKey, runIncidentWrite } from "@/components/incidents/incident-api";
import { refusalOf } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { InlineError } from "@/components/ui/inline-error";
import { controlClasses, Input } from "@/components/ui/input";
import { unshownErrorSummary } from "@/lib/errors";
import { postStatusUpdateAction } from "@/lib/incidents/actions";
import type { IncidentView, StatusUpdateInput, TimelineEntryView } from "@/lib/incidents/types";
import { formatUtcTime } from "@/lib/time/format";

const textareaClasses = `${controlClasses} h-auto py-1.5 leading-5`;

const prefillOf = (incident: IncidentView) => ({
  affected: incident.services.map((service) => service.name).join(", "),
  eta: incident.eta,
  workaround: incident.workaround,
});

/**
 * The runbook's "communicate" step: what is affected, the ETA and the workaround. The update is recorded
 * on the timeline and queued for every configured webhook; one idempotency key per update means a
 * double click or a retry sends it once.
 */
export function StatusUpdateForm({
  incident,
  onPosted,
}: {
  incident: IncidentView;
  onPosted: (entry: TimelineEntryView) => void;
}) {
  const [message, setMessage] = useState("");
  const [fields, setFields] = useState(() => prefillOf(incident));
  const [touched, setTouched] = useState(false);
  const [posted, setPosted] = useState<TimelineEntryView | null>(null);
  const keyRef = useRef<string | null>(null);
  const post = useMutation({
    mutationFn: (input: StatusUpdateInput) =>
      runIncidentWrite(incident.id, () => postStatusUpdateAction(incident.id, input)),
    onSuccess: (entry) => {
      keyRef.current = null;
      setPosted(entry);
      setMessage("");
      setTouched(false);
      onPosted(entry);
    },
  });
  const pending = post.isPending;
  const error = refusalOf(post.error);
  const [prefilledFrom, setPrefilledFrom] = useState(incident.version);
  if (!touched && prefilledFrom !== incident.version) {
    // Untouched fields follow the incident (a new ETA, a service added) until someone edits them.
    setPrefilledFrom(incident.version);
    setFields(prefillOf(incident));
  }
  const set = (field: keyof typeof fields) => (value: string) => {
    setTouched(true);
    setFields((previous) => ({ ...previous, [field]: value }));
  };
  const errorsOf = (field: string) => error?.fields?.[field];
  const shownFields = ["message", "affected", "eta", "workaround"];
  const otherError = error ? unshownErrorSummary(error, shownFields) : null;

  return (
    <form
      className="flex flex-col gap-2"
      data-testid="status-update-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (pending) return;
        const idempotencyKey = (keyRef.current ??= newIdempotencyKey());
        post.mutate({ message, ...fields, idempotencyKey });
      }}
    >
      <Field id="update-message" label="What is happening" error={errorsOf("message")}>
        <textarea
          id="update-message"
          rows={3}
          value={message}
          onChange={(event) => {
            setPosted(null);
            setMessage(event.target.value);
          }}
          placeholder="e.g. MCP over HTTP returns 502s; we rolled back and are watching error rates."
          className={textareaClasses}
          data-testid="update-message"
          {...fieldAria("update-message", errorsOf("message"))}
        />
      </Field>
      <Field id="update-affected" label="Affected" error={errorsOf("affected")}>
        <Input
          id="update-affected"
          value={fields.affected}
          onChange={(event) => set("affected")(event.target.value)}
          data-testid="update-affected"
        />
      </Field>
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
        <Field id="update-eta" label="ETA" error={errorsOf("eta")}>
          <Input
            id="update-eta"
            value={fields.eta}
            onChange={(event) => set("eta")(event.target.value)}
            placeholder="e.g. 04:30 UTC"
            data-testid="update-eta"
          />
        </Field>
        <Field id="update-workaround" label="Workaround" error={errorsOf("workaround")}>
          <Input
            id="update-workaround"
            value={fields.workaround}
            onChange={(event) => set("workaround")(event.target.value)}
            placeholder="e.g. use stdio MCP instead of HTTP"
            data-testid="update-workaround"
          />
        </Field>
      </div>
      <InlineError message={otherError} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" disabled={pending} data-testid="update-submit">
          {pending ? "Posting…" : "Post status update"}
        </Button>
        <span className="text-xs text-muted">
          Recorded on the timeline and sent to every configured webhook.
        </span>
      </div>
      {posted ? (
        <p role="status" className="text-xs text-up" data-testid="update-posted">
          Posted as{" "}
          <a href={`#entry-${posted.id}`} className="underline">
            #{posted.id}
          </a>{" "}
          at {formatUtcTime(posted.occurredAt, { seconds: true })}: on the timeline and queued for
          the configured webhooks.
        </p>
      ) : null}
    </form>
  );
}
