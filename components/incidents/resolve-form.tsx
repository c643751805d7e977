"use client";

import {
  errorText,
  textareaClasses,
  useUpdate,
  type UpdateIncident,
} from "@/components/incidents/use-update";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { InlineError } from "@/components/ui/inline-error";
import { statusLabels } from "@/lib/incidents/labels";
import type { IncidentView } from "@/lib/incidents/types";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** Resolving needs a root-cause summary (the server answers 422 without one) and takes follow-up links. */
export function ResolveForm({
  incident,
  update,
  onDone,
}: {
  incident: IncidentView;
  update: UpdateIncident;
  onDone: () => void;
}) {
  const [rootCause, setRootCause] = useState(incident.rootCause ?? "");
  const [followUps, setFollowUps] = useState(incident.followUps.join("\n"));
  const { pending, error, run } = useUpdate(update);
  const router = useRouter();
  const rootCauseErrors = error?.fields?.rootCause;
  const followUpErrors = error?.fields?.followUps;
  return (
    <form
      className="flex flex-col gap-2 rounded-md border border-line bg-surface-2 p-3"
      data-testid="resolve-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run(
          "resolve",
          incident,
          { status: "resolved", rootCause, followUps },
          `${statusLabels.resolved}, root cause: ${rootCause.trim() || "(none)"}`,
        );
        if (!result.ok) return;
        // A resolve that drafted (or kept) a postmortem leads straight into writing it.
        if (result.data.postmortem) router.push(`/postmortems/${result.data.postmortem.id}`);
        onDone();
      }}
    >
      <Field
        id="resolve-root-cause"
        label="Root cause (required)"
        error={rootCauseErrors}
        hint="What broke and why, in a few sentences. It goes to the timeline and the postmortem."
      >
        <textarea
          id="resolve-root-cause"
          name="rootCause"
          rows={3}
          aria-required="true"
          autoFocus
          value={rootCause}
          onChange={(event) => setRootCause(event.target.value)}
          className={textareaClasses}
          data-testid="resolve-root-cause"
          {...fieldAria("resolve-root-cause", rootCauseErrors, "hint")}
        />
      </Field>
      <Field
        id="resolve-follow-ups"
        label="Follow-up links (one per line)"
        error={followUpErrors}
        hint="Issue links or short notes; http(s) links open."
      >
        <textarea
          id="resolve-follow-ups"
          name="followUps"
          rows={2}
          value={followUps}
          onChange={(event) => setFollowUps(event.target.value)}
          className={textareaClasses}
          data-testid="resolve-follow-ups"
          {...fieldAria("resolve-follow-ups", followUpErrors, "hint")}
        />
      </Field>
      <InlineError message={error ? errorText(error, ["rootCause", "followUps"]) : null} />
      <div className="flex gap-2">
        <Button
          type="submit"
          variant="primary"
          disabled={pending !== null}
          data-testid="resolve-submit"
        >
          {pending ? "Resolving…" : "Resolve incident"}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
