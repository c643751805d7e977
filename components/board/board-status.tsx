"use client";

import { formatAgo } from "@/components/health/format";
import { useNow } from "@/components/health/use-now";
import { Badge } from "@/components/ui/badge";
import { Fact } from "@/components/ui/fact";
import { formatUtcDateTime } from "@/lib/time/format";
import { Time } from "@/components/ui/time";
import { modeBias } from "@/lib/board/labels";
import type { BoardView } from "@/lib/board/types";

type Board = NonNullable<BoardView["board"]>;

const sourceWords: Record<string, string> = {
  api: "the API",
  mcp_tool: "the MCP tool",
  unknown: "an unknown tool",
};

export function sourceText(source: string | null): string {
  if (!source) return "unknown source";
  return sourceWords[source] ?? source;
}

export function ObjectiveStateBadge({ board }: { board: Board }) {
  switch (board.objectiveState) {
    case "preset":
      return (
        <Badge tone="up" data-testid="board-objective-state" data-state="preset">
          preset for {board.mode}
        </Badge>
      );
    case "custom":
      return (
        <Badge tone="accent" data-testid="board-objective-state" data-state="custom">
          custom objective set by Vigil for {board.mode}
        </Badge>
      );
    case "out_of_step":
      return (
        <Badge
          tone="down"
          data-testid="board-objective-state"
          data-state="out_of_step"
          className="font-semibold"
        >
          OUT OF STEP with the mode
        </Badge>
      );
    case "not_set":
      return (
        <Badge tone="neutral" data-testid="board-objective-state" data-state="not_set">
          mode not set
        </Badge>
      );
  }
}

/** "fetched 12 s ago", ticking, with STALE beside it when the server says the snapshot is too old to trust. */
function FetchedAgo({ view, serverNowIso }: { view: BoardView; serverNowIso: string }) {
  const now = useNow(serverNowIso);
  return (
    <span
      className="flex flex-wrap items-center gap-2 text-xs text-muted"
      data-testid="board-fetched"
    >
      {view.fetchedAt ? (
        <span>
          last fetched{" "}
          <time
            dateTime={view.fetchedAt}
            title={formatUtcDateTime(view.fetchedAt)}
            className="tabular-nums"
          >
            {formatAgo(view.fetchedAt, now)}
          </time>
        </span>
      ) : (
        <span>never fetched</span>
      )}
      {view.stale ? (
        <Badge tone="degraded" data-testid="board-stale" className="font-semibold">
          STALE
        </Badge>
      ) : null}
    </span>
  );
}

export function BoardStatus({ view, serverNowIso }: { view: BoardView; serverNowIso: string }) {
  const board = view.board;
  return (
    <div className="flex flex-col gap-3" data-testid="board-status">
      <FetchedAgo view={view} serverNowIso={serverNowIso} />
      {view.error?.startsWith("Not yet confirmed") ? (
        <div
          role="status"
          data-testid="board-unconfirmed"
          className="rounded-md border border-degraded/50 bg-degraded-bg px-3 py-2 text-sm text-degraded"
        >
          {view.error}
        </div>
      ) : view.error ? (
        <div
          role="alert"
          data-testid="board-error"
          className="rounded-md border border-down/40 bg-down-bg px-3 py-2 text-sm text-down"
        >
          <span className="font-semibold">
            Could not fetch the board from HoloMesh
            {view.errorAt ? (
              <>
                {" "}
                (<Time iso={view.errorAt} />)
              </>
            ) : null}
            :
          </span>{" "}
          {view.error}
          {board ? " What follows is the last board Vigil fetched." : null}
        </div>
      ) : null}
      {board ? (
        <>
          {board.objectiveState === "out_of_step" ? (
            <div
              role="alert"
              data-testid="board-out-of-step"
              className="rounded-md border border-down/60 bg-down-bg px-3 py-2 text-sm text-down"
            >
              <p className="font-semibold">The objective is OUT OF STEP with the mode.</p>
              <p>
                It is neither the preset for {board.mode ?? "the current mode"} nor an objective
                Vigil set for it, so people and agents may be chasing a stale goal. Set the mode
                again below with the objective the team should work toward.
              </p>
            </div>
          ) : null}
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            <Fact label="Mode" testId="board-mode">
              {board.mode ? (
                <span>
                  <span className="text-base font-semibold" data-mode={board.mode}>
                    {board.mode}
                  </span>
                  <span className="block text-xs text-muted" data-testid="board-mode-bias">
                    bias: {modeBias[board.mode]}
                  </span>
                </span>
              ) : (
                <span className="font-semibold text-muted" data-mode="">
                  not set
                  {board.rawMode && board.rawMode !== "general" ? (
                    <span className="block text-xs font-normal">
                      the board says “{board.rawMode}”, which is not one of the nine modes
                    </span>
                  ) : null}
                </span>
              )}
            </Fact>
            <Fact label="Objective" testId="board-objective">
              <span className="flex flex-col items-start gap-1">
                <span className="whitespace-pre-wrap" data-testid="board-objective-text">
                  {board.objective || <span className="text-muted">none</span>}
                </span>
                <ObjectiveStateBadge board={board} />
              </span>
            </Fact>
            <Fact label="Changed" testId="board-provenance">
              {board.modeChangedAt ? (
                <Time iso={board.modeChangedAt} />
              ) : (
                <span className="text-muted">time unknown</span>
              )}{" "}
              by <span className="font-medium">{board.modeChangedBy ?? "someone unknown"}</span> via{" "}
              {sourceText(board.modeChangeSource)}
            </Fact>
            <Fact label="Tasks" testId="board-counts">
              <span className="tabular-nums">
                <span data-testid="board-count-open">{board.counts.open}</span> open ·{" "}
                <span data-testid="board-count-claimed">{board.counts.claimed}</span> claimed ·{" "}
                <span data-testid="board-count-blocked">{board.counts.blocked}</span> blocked ·{" "}
                <span data-testid="board-count-done">{board.counts.done ?? "—"}</span> done
              </span>
            </Fact>
          </dl>
        </>
      ) : view.error ? null : (
        <p className="text-sm text-muted" data-testid="board-not-fetched">
          Vigil has not fetched the board yet. Press Refresh now.
        </p>
      )}
    </div>
  );
}
