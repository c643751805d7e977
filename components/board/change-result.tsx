import { StepList } from "@/components/board/board-history";
import type { BoardChangeResult } from "@/lib/board/schema";

/** What a change did: a one-line verdict, then each step with its outcome. */
export function ChangeResult({ result }: { result: BoardChangeResult }) {
  const { change } = result;
  const failedStep = change.steps.find((step) => !step.ok);
  const withWhat = change.objectiveKind === "custom" ? "your objective" : "its preset objective";
  const tone =
    change.outcome === "confirmed" ? "border-up/40 bg-up-bg text-up" : change.outcome === "partial" ? "border-degraded/50 bg-degraded-bg text-degraded" : "border-down/40 bg-down-bg text-down";
  const verdict =
    change.outcome === "confirmed"
      ? `Confirmed: the board shows ${change.toMode} with ${withWhat}.`
      : change.outcome === "partial"
        ? `Partial: the board is in ${change.toMode}, but not with ${withWhat}. ${failedStep?.message ?? ""}`
        : `Failed: ${failedStep?.message ?? "the change did not go through."}`;
  return (
    <div role={change.outcome === "confirmed" ? "status" : "alert"} className={`flex flex-col gap-2 rounded-md border px-3 py-2 ${tone}`} data-testid="board-change-result" data-outcome={change.outcome}>
      <p className="text-sm font-semibold" data-testid="board-change-verdict">
        {verdict.trim()}
      </p>
      <div className="text-text">
        <StepList steps={change.steps} testId="board-change-steps" />
      </div>
    </div>
  );
}
