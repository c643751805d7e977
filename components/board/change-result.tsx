"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { StepList } from "@/components/board/board-history";
import { newIdempotencyKey } from "@/components/incidents/incident-api";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { changeBoardModeAction } from "@/lib/board/actions";
import type { BoardChangeResult, BoardChangeState } from "@/lib/board/types";

const tones: Record<BoardChangeState, string> = {
  confirmed: "border-up/40 bg-up-bg text-up",
  observed: "border-up/40 bg-up-bg text-up",
  partial: "border-degraded/50 bg-degraded-bg text-degraded",
  unconfirmed: "border-degraded/50 bg-degraded-bg text-degraded",
  unknown: "border-degraded/50 bg-degraded-bg text-degraded",
  failed: "border-down/40 bg-down-bg text-down",
};

/**
 * What a change did, judged from the board as read: the verdict in words, then each step with its outcome. A partial
 * change offers the one action that completes it, with the lead's text kept (the board already shows the mode, so
 * the server sends only the objective).
 */
export function ChangeResult({
  result,
  onResult,
}: {
  result: BoardChangeResult;
  onResult?: (result: BoardChangeResult) => void;
}) {
  const { change } = result;
  const { verdict } = change;
  // One key for this completing action: a double click or a retry after a lost answer sends it once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const next = verdict.nextAction;
  const complete = useMutation({
    mutationFn: (input: NonNullable<typeof next>["input"]) =>
      runAction(() => changeBoardModeAction({ ...input, idempotencyKey })),
    onSuccess: (answer) => onResult?.(answer),
  });
  const pending = complete.isPending;
  return (
    <div
      role={change.state === "confirmed" || change.state === "observed" ? "status" : "alert"}
      className={`flex flex-col gap-2 rounded-md border px-3 py-2 ${tones[change.state]}`}
      data-testid="board-change-result"
      data-outcome={change.outcome}
      data-state={change.state}
    >
      <p className="text-sm font-semibold" data-testid="board-change-verdict">
        {verdict.summary}
      </p>
      {next && onResult ? (
        <div className="flex flex-wrap items-center gap-2 text-text">
          <Button
            type="button"
            size="sm"
            variant="primary"
            disabled={pending}
            data-testid="board-change-complete"
            onClick={() => complete.mutate(next.input)}
          >
            {pending ? "Setting…" : next.label}
          </Button>
          <span className="text-xs">
            sets the objective to “{next.input.objective}” on {next.input.mode}
          </span>
        </div>
      ) : null}
      <InlineError message={refusalOf(complete.error)?.message ?? null} />
      <div className="text-text">
        <StepList steps={change.steps} testId="board-change-steps" />
      </div>
    </div>
  );
}
