"use client";

import { lazy, Suspense, useState } from "react";
import { errorText, useUpdate, type UpdateIncident } from "@/components/incidents/use-update";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Select } from "@/components/ui/select";
import {
  incidentStatuses as statuses,
  severities,
  severityDefinitions,
  severityLabels,
  statusLabels,
  type IncidentStatus,
} from "@/lib/incidents/labels";
import type { IncidentView } from "@/lib/incidents/types";

// Loaded when someone starts resolving: the page's first load stays within its JavaScript budget.
const ResolveForm = lazy(() =>
  import("@/components/incidents/resolve-form").then((module) => ({ default: module.ResolveForm })),
);

/** Status along the runbook's path, resolve with its root cause, reopen; and the severity with its definitions. */
export function StatusAndSeverityControls({
  incident,
  update,
}: {
  incident: IncidentView;
  update: UpdateIncident;
}) {
  const [resolving, setResolving] = useState(false);
  const [reopenAs, setReopenAs] = useState<IncidentStatus>("investigating");
  const { pending, error, run } = useUpdate(update);
  const resolved = incident.status === "resolved";
  const nextStatuses = statuses.filter(
    (status) => status !== "resolved" && status !== incident.status,
  );

  return (
    <section
      className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-3"
      aria-label="Status and severity"
      data-testid="incident-controls"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-muted">Status</span>
        {resolved ? (
          <>
            <Select
              value={reopenAs}
              onChange={(event) => setReopenAs(event.target.value as IncidentStatus)}
              className="h-7 text-xs"
              aria-label="Reopen as"
              data-testid="reopen-as"
            >
              {statuses
                .filter((status) => status !== "resolved")
                .map((status) => (
                  <option key={status} value={status}>
                    {statusLabels[status]}
                  </option>
                ))}
            </Select>
            <Button
              size="sm"
              disabled={pending !== null}
              data-testid="reopen"
              onClick={() =>
                void run(
                  "reopen",
                  incident,
                  { status: reopenAs },
                  `Reopen as ${statusLabels[reopenAs]}`,
                )
              }
            >
              {pending === "reopen" ? "Reopening…" : "Reopen"}
            </Button>
          </>
        ) : (
          <>
            {nextStatuses.map((status) => (
              <Button
                key={status}
                size="sm"
                variant={status === "mitigated" ? "primary" : "secondary"}
                disabled={pending !== null}
                data-testid={`set-status-${status}`}
                onClick={() =>
                  void run(status, incident, { status }, `Status → ${statusLabels[status]}`)
                }
              >
                {pending === status ? "Saving…" : `→ ${statusLabels[status]}`}
              </Button>
            ))}
            <Button
              size="sm"
              onClick={() => setResolving((open) => !open)}
              aria-expanded={resolving}
              data-testid="open-resolve"
            >
              Resolve…
            </Button>
          </>
        )}
      </div>
      {resolving && !resolved ? (
        <Suspense fallback={<p className="text-xs text-muted">Loading the resolve form…</p>}>
          <ResolveForm incident={incident} update={update} onDone={() => setResolving(false)} />
        </Suspense>
      ) : null}

      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-xs font-medium text-muted">Severity</legend>
        <div className="grid gap-1.5 sm:grid-cols-3" role="radiogroup" aria-label="Severity">
          {severities.map((severity) => {
            const current = severity === incident.severity;
            return (
              <button
                key={severity}
                type="button"
                role="radio"
                aria-checked={current}
                disabled={pending !== null}
                data-testid={`set-severity-${severity}`}
                onClick={() => {
                  if (!current)
                    void run(
                      severity,
                      incident,
                      { severity },
                      `Severity → ${severityLabels[severity]}`,
                    );
                }}
                className={`flex flex-col items-start gap-0.5 rounded-md border px-2.5 py-1.5 text-left text-xs transition-colors disabled:opacity-60 ${
                  current ? "border-accent bg-accent-soft" : "border-line hover:bg-surface-2"
                }`}
              >
                <span className="font-semibold">
                  {severityLabels[severity]}
                  {current ? " (current)" : pending === severity ? " saving…" : ""}
                </span>
                <span className="text-muted">{severityDefinitions[severity]}</span>
              </button>
            );
          })}
        </div>
      </fieldset>
      <InlineError message={error ? errorText(error) : null} />
    </section>
  );
}
