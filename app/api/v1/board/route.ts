import { handlerOf, jsonResponse } from "@/lib/api/http";
import { boardOperations } from "@/lib/api/operations/board";
import { getBoardView } from "@/lib/board/data";
import { refreshBoard } from "@/lib/board/mutations";

/**
 * The panel's data; `?refresh=1` fetches the board from HoloMesh now instead of answering the stored one.
 * `running` is the change in progress (poll it while a change runs): `{ startedAt, actorLabel, toMode, objective,
 * steps: [{ name: read_board|post_mode|patch_room|confirm, startedAt, finishedAt|null, elapsedMs, outcome|null }] }`, or null.
 * `changes` are the connected team's only; each carries `state` and `verdict` (see BoardVerdict in lib/board/schema.ts).
 */
export const GET = handlerOf(boardOperations.getBoard, async ({ query }) => {
  const refresh = query.refresh === "1" || query.refresh === "true";
  return jsonResponse(refresh ? await refreshBoard() : await getBoardView());
});
