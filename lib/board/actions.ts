"use server";

import { revalidatePath } from "next/cache";
import { changeBoardMode, refreshBoard, saveHoloMeshConnection } from "@/lib/board/mutations";
import { guardedAction } from "@/lib/server-action";

function revalidateBoardPages(): void {
  revalidatePath("/board");
}

/** Settings → HoloMesh. The key field is write-only: the answer is the view, which carries its hint, never the key. */
export const saveHoloMeshConnectionAction = guardedAction("admin", async (input, actor) => {
  const connection = await saveHoloMeshConnection(actor, input);
  revalidateBoardPages();
  revalidatePath("/settings/holomesh");
  return connection;
});

/** "Refresh now": fetches the board from HoloMesh at once and answers what the panel shows. */
export const refreshBoardAction = guardedAction("viewer", async () => {
  const board = await refreshBoard();
  revalidateBoardPages();
  return board;
});

/** The whole change: POST mode, PATCH room when the objective is custom, GET board to confirm. */
export const changeBoardModeAction = guardedAction("lead", async (input, actor) => {
  const result = await changeBoardMode(actor, input);
  revalidateBoardPages();
  if (result.change.incidentId) revalidatePath(`/incidents/${result.change.incidentId}`);
  return result;
});
