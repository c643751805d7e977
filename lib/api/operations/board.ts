import { operation } from "@/lib/api/operation";
import { z } from "zod";
import { changeBoardModeSchema } from "@/lib/board/schema";

export const boardOperations = {
  getBoard: operation({
    method: "GET",
    path: "/api/v1/board",
    summary:
      "The HoloMesh team board as last fetched (mode, objective and whether it is in step, task counts, Vigil's record of changes); ?refresh=1 fetches it now",
    role: "viewer",
    query: z.object({ refresh: z.enum(["0", "1", "true", "false"]).optional() }),
    responses: {
      200: "The board view (`configured`, `board`, `changes` of the connected team with each change's `state` and `verdict`, `running`: the change in progress with each step's times, `fetchedAt`, `stale`, `error`)",
    },
  }),
  changeBoardMode: operation({
    method: "POST",
    path: "/api/v1/board/mode",
    summary:
      "Change the team's mode (one of the nine) with a reason and an optional custom objective: read the board, POST mode only when the mode changes (an objective-only change is a PATCH room alone), PATCH room when custom, read the board to confirm; an answer lost, late or 5xx is decided by reading the board; `Idempotency-Key` makes a retry change the mode once; 409 at once while another change runs",
    role: "lead",
    body: changeBoardModeSchema,
    idempotencyKey: true,
    responses: {
      200: "`{ change, board }`: the change with each step's outcome, its `state` (confirmed, partial, failed, unconfirmed or unknown) and `verdict` (the end state in words and, when partial, the one `nextAction` that completes it), and the board as read",
      409: "Another board change is still running",
    },
  }),
};
