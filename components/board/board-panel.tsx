"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  boardPollIntervalMs,
  boardProgressPollMs,
  fetchBoardView,
  unconfirmedPollMs,
} from "@/components/board/board-api";
import { BoardChangeList, BoardModeHistory } from "@/components/board/board-history";
import { BoardStatus } from "@/components/board/board-status";
import { ChangeModeForm } from "@/components/board/change-mode-form";
import { ChangeProgress } from "@/components/board/change-progress";
import { RefreshError } from "@/components/health/refresh-error";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Panel } from "@/components/ui/panel";
import { useHydrated } from "@/components/ui/use-hydrated";
import { refreshBoardAction } from "@/lib/board/actions";
import { boardKeys } from "@/lib/board/query-keys";
import type { BoardView } from "@/lib/board/types";

function RefreshNowButton({ onView }: { onView: (view: BoardView) => void }) {
  const hydrated = useHydrated();
  const refresh = useMutation({
    mutationFn: () => runAction(() => refreshBoardAction()),
    onSuccess: onView,
  });
  const pending = refresh.isPending;
  return (
    <div className="flex flex-col items-end">
      <Button
        size="sm"
        disabled={!hydrated || pending}
        data-testid="board-refresh"
        onClick={() => refresh.mutate()}
      >
        {pending ? "Refreshing…" : "Refresh now"}
      </Button>
      <InlineError message={refusalOf(refresh.error)?.message ?? null} />
    </div>
  );
}

export function BoardPanel({
  initialView,
  serverNowIso,
  canChange,
  idempotencyKey,
}: {
  initialView: BoardView;
  serverNowIso: string;
  canChange: boolean;
  idempotencyKey: string;
}) {
  const queryClient = useQueryClient();
  const [changing, setChanging] = useState(false);
  const query = useQuery({
    queryKey: boardKeys.view(),
    queryFn: ({ signal }) => fetchBoardView(signal),
    initialData: initialView,
    initialDataUpdatedAt: Date.parse(serverNowIso),
    // While a change runs (ours, or one the server reports), its steps are polled as they run.
    refetchInterval: (current) => {
      const data = current.state.data;
      if (changing || data?.running) return boardProgressPollMs;
      // An unconfirmed change is re-read on the server shortly: show its settled verdict without waiting 45 s.
      const latest = data?.changes.find((change) => change.source === "vigil");
      return latest?.state === "unconfirmed" || latest?.state === "unknown"
        ? unconfirmedPollMs
        : boardPollIntervalMs;
    },
  });
  const view = query.data;
  // A change whose end is not read on the board yet leaves the board on screen unconfirmed: STALE until a read confirms it.
  const latest = view.changes.find((change) => change.source === "vigil");
  const unconfirmed = latest?.state === "unconfirmed" || latest?.state === "unknown";
  const shownView = unconfirmed && !view.stale ? { ...view, stale: true } : view;
  const showView = (next: BoardView) => queryClient.setQueryData(boardKeys.view(), next);

  if (!view.configured) {
    return (
      <Panel title="HoloMesh is not connected">
        <p className="text-sm" data-testid="board-not-configured">
          Vigil has no HoloMesh team or API key yet. An admin sets them in Settings → HoloMesh.
        </p>
      </Panel>
    );
  }

  return (
    <div className="flex flex-col gap-4" data-testid="board-panel">
      <RefreshError error={query.error} dataAtIso={new Date(query.dataUpdatedAt).toISOString()} />
      <Panel
        title={view.board?.name ? `Team board: ${view.board.name}` : "Team board"}
        description={<span className="font-mono">{view.teamId}</span>}
        actions={<RefreshNowButton onView={showView} />}
      >
        <BoardStatus view={shownView} serverNowIso={serverNowIso} />
      </Panel>
      <Panel
        title="Change the mode"
        description="A new mode: POST mode with your reason, then PATCH room if the objective is custom. The same mode: PATCH room only. Then Vigil reads the board to confirm."
      >
        {view.running ? <ChangeProgress running={view.running} /> : null}
        {canChange ? (
          <ChangeModeForm
            currentMode={view.board?.mode ?? null}
            idempotencyKey={idempotencyKey}
            onPendingChange={(pending) => {
              setChanging(pending);
              if (pending) void queryClient.invalidateQueries({ queryKey: boardKeys.view() });
            }}
            onChanged={(result) => showView(result.board)}
          />
        ) : (
          <p className="text-sm text-muted" data-testid="board-read-only">
            Read-only: changing the team&apos;s mode needs the lead role.
          </p>
        )}
      </Panel>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <Panel
          title="The board's mode history"
          description="As HoloMesh reports it, newest first (it keeps the last 10)."
        >
          {view.board ? (
            <BoardModeHistory board={view.board} />
          ) : (
            <p className="text-sm text-muted">No board fetched yet.</p>
          )}
        </Panel>
        <Panel
          title="Vigil's record of changes"
          description="Every change made through Vigil and every outside change it noticed, newest first."
        >
          <BoardChangeList changes={view.changes} />
        </Panel>
      </div>
    </div>
  );
}
