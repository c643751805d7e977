import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { submitReview } from "@/lib/postmortems/mutations";

export const POST = handlerOf(postmortemOperations.submitReview, async ({ actor, params, body }) =>
  jsonResponse(await submitReview(actor, params.id, body)),
);
