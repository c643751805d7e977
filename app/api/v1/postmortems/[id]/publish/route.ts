import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { publishPostmortem } from "@/lib/postmortems/mutations";

export const POST = handlerOf(
  postmortemOperations.publishPostmortem,
  async ({ actor, params, body }) => jsonResponse(await publishPostmortem(actor, params.id, body)),
);
