"use server";

import { revalidatePath } from "next/cache";
import { changeBoardMode, refreshBoard, saveHoloMeshConnection } from "@/lib/board/mutations";
import type { ChangeBoardModeRequest, HoloMeshConnectionInput } from "@/lib/board/types";
import { guardedCall } from "@/lib/server-action";

function revalidateBoardPages(): void {
  revalidatePath("/board");
}

/** Settings → HoloMesh. The key field is write-only: the answer is the view, which carries its hint, never the key. */
export const saveHoloMeshConnectionAction = guardedCall(
  "admin",
  async (actor, input: HoloMeshConnectionInput) => {
    const connection = await saveHoloMeshConnection(actor, input);
    revalidateBoardPages();
    revalidatePath("/settings/holomesh");
    return connection;
  },
);

/** "Refresh now": fetches the board from HoloMesh at once and answers what the panel shows. */
export const refreshBoardAction = guardedCall("viewer", async () => {
  const board = await refreshBoard();
  revalidateBoardPages();
  return board;
});

/** The whole change: POST mode, PATCH room when the objective is custom, GET board to confirm. */
export const changeBoardModeAction = guardedCall(
  "lead",
  async (actor, input: ChangeBoardModeRequest) => {
    const result = await changeBoardMode(actor, input);
    revalidateBoardPages();
    if (result.change.incidentId) revalidatePath(`/incidents/${result.change.incidentId}`);
    return result;
  },
);
