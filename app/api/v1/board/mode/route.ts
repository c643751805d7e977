import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { withIdempotencyKey } from "@/lib/api/idempotency";
import { changeBoardMode } from "@/lib/board/mutations";

/** The whole change (POST mode, PATCH room for a custom objective, GET board to confirm), each step's outcome in the answer. */
export const POST = apiRoute("lead", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse(await changeBoardMode(actor, withIdempotencyKey(request, body)));
});
