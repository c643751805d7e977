"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ChangeResult } from "@/components/board/change-result";
import { mutationResult, runAction } from "@/components/ui/action-mutation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria, TextField } from "@/components/ui/field";
import { controlClasses } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import { changeBoardModeAction } from "@/lib/board/actions";
import { customObjectiveMaxLength, modeBias, presetObjective, teamModes } from "@/lib/board/labels";
import type { BoardChangeResult, ChangeBoardModeRequest, TeamMode } from "@/lib/board/types";

/**
 * The lead's change: one of the nine modes, an optional custom objective and a reason. The idempotency key
 * comes from the server render, so a double click (or a retry) changes the board once.
 */
export function ChangeModeForm({
  currentMode,
  idempotencyKey,
  onChanged,
  onPendingChange,
}: {
  currentMode: TeamMode | null;
  idempotencyKey: string;
  onChanged: (result: BoardChangeResult) => void;
  /** Told when a change starts and ends, so the panel polls its steps meanwhile. */
  onPendingChange?: (pending: boolean) => void;
}) {
  // Submitted before hydration, the form would navigate instead of running the change: the button waits.
  const hydrated = useHydrated();
  const [mode, setMode] = useState<TeamMode | null>(null);
  const [objective, setObjective] = useState("");
  // The completing action of a partial change shows its own result in place of the change's.
  const [completed, setCompleted] = useState<BoardChangeResult | null>(null);
  const change = useMutation({
    mutationFn: (input: ChangeBoardModeRequest) => runAction(() => changeBoardModeAction(input)),
    onMutate: () => {
      setCompleted(null);
      onPendingChange?.(true);
    },
    onSettled: () => onPendingChange?.(false),
    onSuccess: onChanged,
  });
  const pending = change.isPending;
  const state = completed ? { ok: true as const, data: completed } : mutationResult(change);
  const errors = state && !state.ok ? (state.error.fields ?? {}) : {};
  const shown = ["mode", "objective", "reason"];
  const topError =
    state && !state.ok && !Object.keys(errors).some((field) => shown.includes(field))
      ? state.error.message
      : null;
  const remaining = customObjectiveMaxLength - objective.length;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    change.mutate({ mode, objective, reason: String(form.get("reason") ?? ""), idempotencyKey });
  }

  const showResult = (result: BoardChangeResult) => {
    setCompleted(result);
    onChanged(result);
  };
  const sameMode = mode !== null && mode === currentMode;

  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      data-testid="board-change-form"
    >
      <fieldset className="flex flex-col gap-2" {...fieldAria("board-mode", errors.mode)}>
        <legend className="mb-1 text-xs font-medium">Mode</legend>
        <div className="grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
          {teamModes.map((candidate) => (
            <label
              key={candidate}
              className="flex cursor-pointer flex-col gap-1 rounded-md border border-line bg-surface p-2.5 text-sm hover:bg-surface-2 has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
              data-testid={`board-mode-option-${candidate}`}
            >
              <span className="flex items-center gap-2">
                <input
                  type="radio"
                  name="mode"
                  value={candidate}
                  checked={mode === candidate}
                  onChange={() => setMode(candidate)}
                />
                <span className="font-semibold">{candidate}</span>
                {candidate === currentMode ? (
                  <span className="text-xs text-muted">(current)</span>
                ) : null}
              </span>
              <span className="text-xs text-muted">bias: {modeBias[candidate]}</span>
              <span className="text-xs">
                <span className="text-muted">preset objective: </span>
                {presetObjective[candidate]}
              </span>
            </label>
          ))}
        </div>
        {errors.mode ? (
          <p id="board-mode-error" className="text-xs font-medium text-danger">
            {errors.mode.join(" ")}
          </p>
        ) : null}
      </fieldset>
      {sameMode ? (
        <p className="text-xs text-degraded" data-testid="board-same-mode-note">
          The board is already in {mode}: only its objective is changed (to your custom objective,
          or back to the preset when left empty). The mode and the board&apos;s mode history stay as
          they are.
        </p>
      ) : null}
      <Field
        id="board-objective"
        label="Custom objective (optional)"
        error={errors.objective}
        hint={
          <>
            {mode ? (
              <>When empty, the preset for {mode} applies. </>
            ) : (
              "When empty, the mode's preset applies. "
            )}
            <span
              className={remaining < 0 ? "font-semibold text-danger" : undefined}
              data-testid="board-objective-counter"
            >
              {objective.length}/{customObjectiveMaxLength}
            </span>
          </>
        }
      >
        <textarea
          id="board-objective"
          name="objective"
          rows={2}
          value={objective}
          onChange={(event) => setObjective(event.target.value)}
          placeholder={mode ? presetObjective[mode] : undefined}
          className={`${controlClasses} h-auto py-1.5`}
          {...fieldAria("board-objective", errors.objective, true)}
        />
      </Field>
      <TextField
        id="board-reason"
        label="Reason"
        name="reason"
        error={errors.reason}
        hint={
          sameMode
            ? "Required: recorded only in Vigil's history and audit log (an objective-only change leaves no reason on the board)."
            : "Required: recorded in the board's mode history and in Vigil's history and audit log."
        }
        autoComplete="off"
        required
      />
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <div>
        <Button
          type="submit"
          variant="primary"
          disabled={!hydrated || pending}
          data-testid="board-change-submit"
        >
          {pending ? "Changing…" : "Change mode"}
        </Button>
      </div>
      {state?.ok ? (
        <ChangeResult key={state.data.change.id} result={state.data} onResult={showResult} />
      ) : null}
    </form>
  );
}
