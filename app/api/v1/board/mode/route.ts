import { handlerOf, jsonResponse } from "@/lib/api/http";
import { boardOperations } from "@/lib/api/operations/board";
import { changeBoardMode } from "@/lib/board/mutations";

/**
 * The whole change, judged from the board as read (lib/board/mutations.ts changeBoardMode): `{ change, board }` where
 * `change.state` is confirmed | partial | failed | unconfirmed | unknown and `change.verdict` says it in words, with
 * `nextAction` (POST its `input` here to complete a partial change). 409 at once while another change runs.
 */
export const POST = handlerOf(boardOperations.changeBoardMode, async ({ actor, body }) =>
  jsonResponse(await changeBoardMode(actor, body)),
);
