"use client";

import { useMutation } from "@tanstack/react-query";
import { unansweredAction } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/errors";
import { differences } from "@/lib/incidents/changes";
import { severityLabels, statusLabels } from "@/lib/incidents/labels";
import type { IncidentView } from "@/lib/incidents/types";

export type Conflict = {
  /** The incident the change was made on. */
  seen: IncidentView;
  /** The incident the server has now (the 409's details.current). */
  current: IncidentView;
  message: string;
  /** The refused change, in words. */
  description: string;
  reapply: (version: number) => Promise<ActionResult<unknown>>;
};

/**
 * A refused stale change: what changed since (field by field, what you saw and what it is now) and the
 * change that was not applied. Nothing was overwritten; re-applying sends it again on the current version.
 */
export function ConflictNotice({
  conflict,
  latest,
  onResolved,
  onConflictAgain,
}: {
  conflict: Conflict;
  latest: IncidentView;
  onResolved: () => void;
  onConflictAgain: (result: ActionResult<unknown>) => void;
}) {
  // The refusal stays a value: a second conflict is handed back to the caller, any other refusal is shown here.
  const reapply = useMutation({
    mutationFn: (version: number) => conflict.reapply(version),
    onSuccess: (result) => {
      if (result.ok) onResolved();
      else if (result.error.code === "conflict") onConflictAgain(result);
    },
  });
  const answer = reapply.data;
  const error = reapply.isError
    ? unansweredAction.message
    : answer && !answer.ok && answer.error.code !== "conflict"
      ? answer.error.message
      : null;
  const changed = differences(conflict.seen, conflict.current, {
    severity: severityLabels,
    status: statusLabels,
  });
  return (
    <section
      role="alert"
      className="flex flex-col gap-2 rounded-lg border border-degraded/60 bg-degraded-bg p-3 text-sm"
      data-testid="conflict-notice"
    >
      <p className="font-semibold text-degraded">
        Not saved: someone changed this incident since you loaded it. Nothing was overwritten.
      </p>
      <p>
        Your change:{" "}
        <span className="font-medium" data-testid="conflict-your-change">
          {conflict.description}
        </span>
        <span className="text-muted">
          {" "}
          (you saw version {conflict.seen.version}, it is now at {conflict.current.version})
        </span>
      </p>
      {changed.length > 0 ? (
        <table className="w-full text-left text-xs" data-testid="conflict-changes">
          <thead>
            <tr className="text-muted">
              <th className="py-0.5 pr-3 font-medium">Field</th>
              <th className="py-0.5 pr-3 font-medium">You saw</th>
              <th className="py-0.5 font-medium">It is now</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((difference) => (
              <tr
                key={difference.field}
                className="border-t border-degraded/30 align-top"
                data-testid="conflict-change"
                data-field={difference.field}
              >
                <td className="py-0.5 pr-3 font-medium">{difference.label}</td>
                <td className="py-0.5 pr-3 break-words whitespace-pre-wrap text-muted line-through">
                  {difference.seen || "—"}
                </td>
                <td className="py-0.5 font-medium break-words whitespace-pre-wrap">
                  {difference.now || "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-xs text-muted">
          No field shown here changed: the timeline moved the version on (an update changed the ETA
          or workaround, for example).
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          size="sm"
          disabled={reapply.isPending}
          data-testid="conflict-reapply"
          onClick={() => reapply.mutate(latest.version)}
        >
          {reapply.isPending ? "Applying…" : "Re-apply my change on the current version"}
        </Button>
        <Button size="sm" onClick={onResolved} data-testid="conflict-dismiss">
          Keep it as it is now
        </Button>
        {error ? (
          <span role="alert" className="text-xs font-medium text-danger">
            {error}
          </span>
        ) : null}
      </div>
    </section>
  );
}
