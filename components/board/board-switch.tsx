"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { boardProgressPollMs, fetchBoardView } from "@/components/board/board-api";
import { ChangeProgress } from "@/components/board/change-progress";
import { ChangeResult } from "@/components/board/change-result";
import { newIdempotencyKey } from "@/components/incidents/incident-api";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { useHydrated } from "@/components/ui/use-hydrated";
import { changeBoardModeAction } from "@/lib/board/actions";
import { boardKeys } from "@/lib/board/query-keys";
import type { BoardChangeResult } from "@/lib/board/types";

/** Offered to a lead on an open SEV1 while the team board is in neither stabilize nor unblock. */
export type BoardSwitchOffer = { currentMode: string | null };

export function BoardSwitch({
  incident,
  offer,
}: {
  incident: { id: string; number: number; title: string };
  offer: BoardSwitchOffer;
}) {
  // One key for this offer: a double click or a retry after a dropped answer switches the board once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  // A click before hydration would do nothing: the button waits for the page to be ready.
  const hydrated = useHydrated();
  // The completing action of a partial switch shows its own result in place of the switch's.
  const [completed, setCompleted] = useState<BoardChangeResult | null>(null);
  const change = useMutation({
    mutationFn: () =>
      runAction(() =>
        changeBoardModeAction({
          mode: "stabilize",
          reason: `INC-${incident.number} ${incident.title} (SEV1)`.slice(0, 500),
          incidentId: incident.id,
          idempotencyKey,
        }),
      ),
  });
  const pending = change.isPending;
  const result = completed ?? change.data ?? null;
  // While the switch runs, its steps are polled from the board view, as on the board page.
  const progress = useQuery({
    queryKey: boardKeys.view(),
    queryFn: ({ signal }) => fetchBoardView(signal),
    enabled: pending,
    refetchInterval: pending ? boardProgressPollMs : false,
  });
  const running = pending ? (progress.data?.running ?? null) : null;
  const currentMode =
    offer.currentMode && offer.currentMode !== "general" ? offer.currentMode : "not set";

  return (
    <section
      className="flex flex-col gap-2 rounded-lg border border-degraded/50 bg-degraded-bg/40 px-4 py-3"
      data-testid="board-switch"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-semibold">The team board is in {currentMode}.</span> During a SEV1
          the team usually works in stabilize.{" "}
          <Link href="/board" className="text-accent underline underline-offset-2">
            Board
          </Link>
        </p>
        {result ? null : (
          <Button
            variant="primary"
            size="sm"
            disabled={!hydrated || pending}
            data-testid="board-switch-button"
            onClick={() => change.mutate()}
          >
            {pending ? "Switching…" : "Switch the team board to stabilize"}
          </Button>
        )}
      </div>
      {running ? <ChangeProgress running={running} /> : null}
      <InlineError message={refusalOf(change.error)?.message ?? null} />
      {result ? (
        <ChangeResult key={result.change.id} result={result} onResult={setCompleted} />
      ) : null}
    </section>
  );
}
