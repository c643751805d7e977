import type { RunningBoardChange } from "@/lib/board/types";

export const runningStepWords: Record<RunningBoardChange["steps"][number]["name"], string> = {
  read_board: "Read the board (GET board)",
  post_mode: "Set the mode (POST mode)",
  patch_room: "Set the objective (PATCH room)",
  confirm: "Read the board back (GET board)",
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The change running now, as the server reports it: each step as it runs, with its elapsed time. */
export function ChangeProgress({ running }: { running: RunningBoardChange }) {
  return (
    <div
      role="status"
      className="flex flex-col gap-1.5 rounded-md border border-accent/40 bg-accent-soft px-3 py-2 text-sm"
      data-testid="board-progress"
    >
      <p className="font-semibold">
        Changing the board to {running.toMode} (started by {running.actorLabel})…
      </p>
      {running.steps.length === 0 ? (
        <p className="text-xs text-muted">Starting…</p>
      ) : (
        <ol className="flex flex-col gap-1 text-xs" data-testid="board-progress-steps">
          {running.steps.map((step, index) => (
            <li
              key={index}
              className="flex flex-wrap items-baseline gap-1.5"
              data-step={step.name}
              data-running={step.finishedAt === null}
            >
              <span className="font-medium">{runningStepWords[step.name]}</span>
              <span className="text-muted tabular-nums" data-testid="board-progress-elapsed">
                {seconds(step.elapsedMs)}
              </span>
              <span>{step.finishedAt === null ? "running…" : (step.outcome ?? "done")}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
