import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { withIdempotencyKey } from "@/lib/api/idempotency";
import { changeBoardMode } from "@/lib/board/mutations";

/**
 * The whole change, judged from the board as read (lib/board/mutations.ts changeBoardMode): `{ change, board }` where
 * `change.state` is confirmed | partial | failed | unconfirmed | unknown and `change.verdict` says it in words, with
 * `nextAction` (POST its `input` here to complete a partial change). 409 at once while another change runs.
 */
export const POST = apiRoute("lead", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse(await changeBoardMode(actor, withIdempotencyKey(request, body)));
});
