import { handlerOf, jsonResponse } from "@/lib/api/http";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { getOnCallRotation } from "@/lib/handoffs/data";
import { updateOnCallRotation } from "@/lib/handoffs/mutations";

export const GET = handlerOf(handoffOperations.getOnCallRotation, async () =>
  jsonResponse(await getOnCallRotation()),
);

/** The whole rotation in shift order; send the schedule version you read: a stale one is refused with 409. */
export const PUT = handlerOf(handoffOperations.updateOnCallRotation, async ({ actor, body }) =>
  jsonResponse(await updateOnCallRotation(actor, body)),
);
