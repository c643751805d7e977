"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { runIncidentWrite } from "@/components/incidents/incident-api";
import { refusalOf } from "@/components/ui/action-mutation";
import { InlineError } from "@/components/ui/inline-error";
import { appendTimelineEntryAction } from "@/lib/incidents/actions";
import type { IncidentRunbook, TickedAction } from "@/lib/incidents/runbook";
import type { FailingCheck } from "@/lib/incidents/types";
import type { IncidentView, TimelineEntryView } from "@/lib/incidents/types";
import { formatUtcTime } from "@/lib/time/format";

type Tick = (action: TickedAction) => void;

function TickList({
  actions,
  canWrite,
  tick,
  pendingKey,
}: {
  actions: TickedAction[];
  canWrite: boolean;
  tick: Tick;
  pendingKey: string | null;
}) {
  return (
    <ul className="flex flex-col gap-1">
      {actions.map((action) => (
        <li key={action.stepKey}>
          <label className={`flex items-start gap-2 text-xs ${action.ticked ? "text-muted" : ""}`}>
            <input
              type="checkbox"
              className="mt-0.5"
              checked={action.ticked}
              disabled={!canWrite || action.ticked || pendingKey !== null}
              data-testid="runbook-tick"
              data-step-key={action.stepKey}
              onChange={() => tick(action)}
              title={
                action.ticked
                  ? "Logged to the timeline"
                  : canWrite
                    ? "Tick to log it to the timeline"
                    : undefined
              }
            />
            <span className={action.ticked ? "line-through decoration-muted/60" : ""}>
              {action.label}
              {pendingKey === action.stepKey ? " — logging…" : null}
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

function ChecksEvidence({ checks }: { checks: FailingCheck[] }) {
  return (
    <ul className="flex flex-col gap-0.5 text-xs">
      {checks.map((check) => (
        <li key={check.serviceId} className="break-words" data-testid="runbook-evidence">
          <span className="font-medium">{check.serviceName}</span>: {check.reason}
          <span className="text-muted">
            {" "}
            ({check.status}
            {check.httpStatus !== null ? `, HTTP ${check.httpStatus}` : ""},{" "}
            {formatUtcTime(check.at)})
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The runbook's incident response (section 5) tied to the incident's real state, and its common failures
 * (section 4) suggested from the affected services' latest failing checks. Every tick is a timeline entry.
 */
export function RunbookPanel({
  incident,
  runbook,
  canWrite,
  onEntry,
}: {
  incident: IncidentView;
  runbook: IncidentRunbook;
  canWrite: boolean;
  onEntry: (entry: TimelineEntryView) => void;
}) {
  const [justTicked, setJustTicked] = useState<string[]>([]);
  const logTick = useMutation({
    mutationFn: (action: TickedAction) =>
      runIncidentWrite(incident.id, () =>
        appendTimelineEntryAction(incident.id, {
          kind: "action",
          body: action.logBody,
          stepKey: action.stepKey,
          // One tick per step and incident, even when two responders tick it at once.
          idempotencyKey: `runbook:${action.stepKey}`,
        }),
      ),
    onSuccess: (entry, action) => {
      setJustTicked((previous) => [...previous, action.stepKey]);
      onEntry(entry);
    },
  });
  const pendingKey = logTick.isPending ? (logTick.variables?.stepKey ?? null) : null;
  const error = refusalOf(logTick.error)?.message ?? null;
  // A tick shows at once; the server's next answer (the live stream refetches it) says the same.
  const withTicks = (actions: TickedAction[]) =>
    actions.map((action) => ({
      ...action,
      ticked: action.ticked || justTicked.includes(action.stepKey),
    }));
  const steps = runbook.steps.map((step) => ({ ...step, actions: withTicks(step.actions) }));
  const suggestions = runbook.suggestions.map((suggestion) => ({
    ...suggestion,
    actions: withTicks(suggestion.actions),
  }));
  const { unmatched } = runbook;
  const failingChecks = [...suggestions.flatMap((suggestion) => suggestion.checks), ...unmatched];

  const tick: Tick = (action) => logTick.mutate(action);

  return (
    <div className="flex flex-col gap-4" data-testid="runbook-panel">
      <ol className="flex flex-col gap-2.5">
        {steps.map((step, index) => (
          <li
            key={step.key}
            data-testid="runbook-step"
            data-step={step.key}
            data-done={step.done}
            aria-current={step.current ? "step" : undefined}
            className={`rounded-md border px-3 py-2 ${step.current ? "border-accent bg-accent-soft" : "border-line"}`}
          >
            <div className="flex items-baseline gap-2">
              <span
                aria-hidden="true"
                className={`inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${step.done ? "bg-up text-accent-text" : "border border-line text-muted"}`}
              >
                {step.done ? "✓" : index + 1}
              </span>
              <span className="text-sm font-semibold">{step.title}</span>
              <span className="sr-only">
                {step.done ? "(done)" : step.current ? "(current step)" : "(to do)"}
              </span>
              {step.doneNote ? (
                <span className="ml-auto text-right text-xs text-muted">{step.doneNote}</span>
              ) : null}
            </div>
            <p className="mt-0.5 pl-7 text-xs text-muted">{step.guidance}</p>
            {step.actions.length > 0 ? (
              <div className="mt-1.5 pl-7">
                <TickList
                  actions={step.actions}
                  canWrite={canWrite}
                  tick={tick}
                  pendingKey={pendingKey}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <InlineError message={error} />

      <section
        aria-label="Likely causes"
        className="flex flex-col gap-2"
        data-testid="runbook-causes"
      >
        <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">
          Likely cause → first actions
        </h3>
        {failingChecks.length === 0 ? (
          <p className="text-xs text-muted">
            {incident.services.length === 0
              ? "Name the affected services to get suggestions from their checks."
              : "No affected service has a failing check in the last 7 days."}
          </p>
        ) : null}
        {suggestions.map((suggestion) => (
          <div
            key={suggestion.row.id}
            className="rounded-md border border-line px-3 py-2"
            data-testid="runbook-cause"
            data-row={suggestion.row.id}
          >
            <p className="text-sm">
              <span className="font-semibold">{suggestion.row.symptom}</span>
              <span className="text-muted"> → </span>
              {suggestion.row.likelyCause}
              <span className="text-xs text-muted"> ({suggestion.row.source})</span>
            </p>
            <ChecksEvidence checks={suggestion.checks} />
            <div className="mt-1.5">
              <TickList
                actions={suggestion.actions}
                canWrite={canWrite}
                tick={tick}
                pendingKey={pendingKey}
              />
            </div>
          </div>
        ))}
        {unmatched.length > 0 ? (
          <div className="text-xs text-muted">
            <p>No common failure matches:</p>
            <ChecksEvidence checks={unmatched} />
          </div>
        ) : null}
      </section>
    </div>
  );
}
