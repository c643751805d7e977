"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { boardPollIntervalMs, fetchBoardView, type BoardVocabulary } from "@/components/board/board-api";
import { BoardChangeList, BoardModeHistory } from "@/components/board/board-history";
import { BoardStatus } from "@/components/board/board-status";
import { ChangeModeForm } from "@/components/board/change-mode-form";
import { RefreshError } from "@/components/health/refresh-error";
import { callAction } from "@/components/incidents/incident-api";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Panel } from "@/components/ui/panel";
import { useHydrated } from "@/components/ui/use-hydrated";
import { refreshBoardAction } from "@/lib/board/actions";
import { boardKeys } from "@/lib/board/query-keys";
import type { BoardView } from "@/lib/board/schema";

function RefreshNowButton({ onView }: { onView: (view: BoardView) => void }) {
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end">
      <Button
        size="sm"
        disabled={!hydrated || pending}
        data-testid="board-refresh"
        onClick={async () => {
          setPending(true);
          const result = await callAction(refreshBoardAction, {});
          setPending(false);
          if (result.ok) {
            setError(null);
            onView(result.data);
          } else setError(result.error.message);
        }}
      >
        {pending ? "Refreshing…" : "Refresh now"}
      </Button>
      <InlineError message={error} />
    </div>
  );
}

export function BoardPanel({
  initialView,
  serverNowIso,
  canChange,
  vocabulary,
  idempotencyKey,
}: {
  initialView: BoardView;
  serverNowIso: string;
  canChange: boolean;
  vocabulary: BoardVocabulary;
  idempotencyKey: string;
}) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: boardKeys.view(),
    queryFn: ({ signal }) => fetchBoardView(signal),
    initialData: initialView,
    initialDataUpdatedAt: Date.parse(serverNowIso),
    refetchInterval: boardPollIntervalMs,
  });
  const view = query.data;
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
        <BoardStatus view={view} vocabulary={vocabulary} serverNowIso={serverNowIso} />
      </Panel>
      <Panel title="Change the mode" description="POST mode with your reason → PATCH room if the objective is custom → GET board to confirm.">
        {canChange ? (
          <ChangeModeForm vocabulary={vocabulary} currentMode={view.board?.mode ?? null} idempotencyKey={idempotencyKey} onChanged={(result) => showView(result.board)} />
        ) : (
          <p className="text-sm text-muted" data-testid="board-read-only">
            Read-only: changing the team&apos;s mode needs the lead role.
          </p>
        )}
      </Panel>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <Panel title="The board's mode history" description="As HoloMesh reports it, newest first (it keeps the last 10).">
          {view.board ? <BoardModeHistory board={view.board} /> : <p className="text-sm text-muted">No board fetched yet.</p>}
        </Panel>
        <Panel title="Vigil's record of changes" description="Every change made through Vigil and every outside change it noticed, newest first.">
          <BoardChangeList changes={view.changes} />
        </Panel>
      </div>
    </div>
  );
}
