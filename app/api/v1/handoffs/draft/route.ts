import { handlerOf, jsonResponse } from "@/lib/api/http";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { getHandoffDraft } from "@/lib/handoffs/data";

/** What a new handoff by the caller starts with: the window from the schedule and a snapshot of live data. */
export const GET = handlerOf(handoffOperations.getHandoffDraft, async ({ actor }) =>
  jsonResponse(await getHandoffDraft(actor)),
);
