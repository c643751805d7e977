import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { createActionItem } from "@/lib/postmortems/mutations";

export const POST = handlerOf(
  postmortemOperations.createActionItem,
  async ({ actor, params, body }) =>
    jsonResponse({ actionItem: await createActionItem(actor, params.id, body) }, { status: 201 }),
);
