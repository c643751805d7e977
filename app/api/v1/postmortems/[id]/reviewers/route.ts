import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { requestReview } from "@/lib/postmortems/mutations";

/** Sets the reviewer list and moves the postmortem into review. */
export const POST = handlerOf(postmortemOperations.requestReview, async ({ actor, params, body }) =>
  jsonResponse(await requestReview(actor, params.id, body)),
);
