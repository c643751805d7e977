import { handlerOf, jsonResponse } from "@/lib/api/http";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { getHandoffSchedule } from "@/lib/handoffs/data";
import { updateHandoffSchedule } from "@/lib/handoffs/mutations";

export const GET = handlerOf(handoffOperations.getHandoffSchedule, async () =>
  jsonResponse(await getHandoffSchedule()),
);

/** Send the version you read: a stale one is refused with 409 and the current schedule. */
export const PUT = handlerOf(handoffOperations.updateHandoffSchedule, async ({ actor, body }) =>
  jsonResponse(await updateHandoffSchedule(actor, body)),
);
