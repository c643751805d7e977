import { sourceText } from "@/components/board/board-status";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { BoardChangeState, BoardChangeView, BoardStep, BoardView } from "@/lib/board/types";

export const outcomeTones: Record<BoardChangeView["outcome"], BadgeTone> = {
  confirmed: "up",
  partial: "degraded",
  failed: "down",
  observed: "neutral",
};

const stateTones: Record<BoardChangeState, BadgeTone> = {
  ...outcomeTones,
  unconfirmed: "degraded",
  unknown: "degraded",
};
const stateWords: Record<BoardChangeState, string> = {
  confirmed: "confirmed",
  partial: "partial",
  failed: "failed",
  observed: "observed",
  unconfirmed: "not yet confirmed",
  unknown: "not yet known",
};

export const stepWords: Record<BoardStep["step"], string> = {
  post_mode: "POST mode",
  patch_room: "PATCH room",
  confirm: "confirm GET board",
};

const modeText = (mode: string | null) => (mode && mode !== "general" ? mode : "not set");

export function StepList({ steps, testId }: { steps: BoardStep[]; testId?: string }) {
  if (steps.length === 0) return <p className="text-xs text-muted">No steps ran.</p>;
  return (
    <ol className="flex flex-col gap-1 text-xs" data-testid={testId}>
      {steps.map((step, index) => (
        <li
          key={index}
          className="flex flex-wrap items-baseline gap-1.5"
          data-step={step.step}
          data-ok={step.ok}
          data-answer-lost={step.answerLost ? "true" : undefined}
        >
          <Badge tone={step.ok ? "up" : step.answerLost ? "degraded" : "down"}>
            {step.ok ? "ok" : step.answerLost ? "no answer" : "failed"}
          </Badge>
          <span className="font-medium">{stepWords[step.step]}</span>
          {step.httpStatus !== null ? (
            <span className="text-muted">HTTP {step.httpStatus}</span>
          ) : null}
          <span className="min-w-0 break-words">{step.message}</span>
        </li>
      ))}
    </ol>
  );
}

/** The board's own history (HoloMesh keeps the last 10, newest first). */
export function BoardModeHistory({ board }: { board: NonNullable<BoardView["board"]> }) {
  if (board.modeHistory.length === 0)
    return <p className="text-sm text-muted">The board has no mode history.</p>;
  return (
    <ol className="flex flex-col divide-y divide-line text-sm" data-testid="board-mode-history">
      {board.modeHistory.map((entry, index) => (
        <li key={index} className="flex flex-col gap-0.5 py-2 first:pt-0 last:pb-0">
          <span>
            <span className="text-muted">{modeText(entry.previousMode)}</span> →{" "}
            <span className="font-semibold">{modeText(entry.mode)}</span>
          </span>
          <span className="text-xs text-muted">
            {entry.at ? <Time iso={entry.at} /> : "time unknown"} · by{" "}
            {entry.by ?? "someone unknown"} via {sourceText(entry.source)}
            {entry.reason ? <> · “{entry.reason}”</> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Vigil's own record: every change it made or tried, and every outside change it noticed. */
export function BoardChangeList({ changes }: { changes: BoardChangeView[] }) {
  if (changes.length === 0)
    return <p className="text-sm text-muted">Vigil has recorded no change yet.</p>;
  return (
    <ol className="flex flex-col divide-y divide-line text-sm" data-testid="board-changes">
      {changes.map((change) => (
        <li
          key={change.id}
          className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0"
          data-testid="board-change"
          data-source={change.source}
          data-outcome={change.outcome}
          data-state={change.state}
        >
          <span className="flex flex-wrap items-center gap-2">
            <span>
              <span className="text-muted">{modeText(change.fromMode)}</span> →{" "}
              <span className="font-semibold">{modeText(change.toMode)}</span>
            </span>
            <Badge tone={stateTones[change.state]}>{stateWords[change.state]}</Badge>
            <Badge tone={change.source === "vigil" ? "accent" : "neutral"}>
              {change.source === "vigil" ? "by Vigil" : "outside Vigil"}
            </Badge>
          </span>
          <span className="text-xs text-muted">
            <Time iso={change.at} /> · {change.actorLabel}
            {change.reason ? <> · “{change.reason}”</> : null}
          </span>
          <span className="text-xs break-words whitespace-pre-wrap">
            <span className="text-muted">
              {change.objectiveKind === "custom" ? "custom objective: " : "preset objective: "}
            </span>
            {change.objective}
          </span>
          {change.source === "vigil" ? (
            <span className="text-xs" data-testid="board-change-summary">
              {change.verdict.summary}
            </span>
          ) : null}
          {change.steps.length > 0 ? <StepList steps={change.steps} /> : null}
        </li>
      ))}
    </ol>
  );
}
