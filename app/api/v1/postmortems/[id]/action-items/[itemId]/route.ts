import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { updateActionItem } from "@/lib/postmortems/mutations";

export const PATCH = handlerOf(
  postmortemOperations.updateActionItem,
  async ({ actor, params, body }) =>
    jsonResponse({ actionItem: await updateActionItem(actor, params.id, params.itemId, body) }),
);
