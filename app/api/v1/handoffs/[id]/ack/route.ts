import { handlerOf, jsonResponse } from "@/lib/api/http";
import { handoffOperations } from "@/lib/api/operations/handoffs";
import { acknowledgeHandoff } from "@/lib/handoffs/mutations";

/** Only the incoming on-call may acknowledge (403 for anyone else); a repeat returns the handoff unchanged. */
export const POST = handlerOf(handoffOperations.acknowledgeHandoff, async ({ actor, params }) =>
  jsonResponse({ handoff: await acknowledgeHandoff(actor, params.id) }),
);
