import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { BoardPanel } from "@/components/board/board-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getBoardView } from "@/lib/board/data";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage() {
  const actor = await requirePageRole("viewer", "/board");
  const view = await getBoardView();
  return (
    <>
      <PageHeader
        title="Board"
        description="The team's HoloMesh board: the mode the team works in and the objective people and agents work toward. Checked every 45 s while this page is open (runbook §9)."
      />
      <BoardPanel
        initialView={view}
        serverNowIso={new Date().toISOString()}
        canChange={hasRole(actor.role, "lead")}
        // A new key per render: a double click or a retried submit changes the board once.
        idempotencyKey={randomUUID()}
      />
    </>
  );
}
