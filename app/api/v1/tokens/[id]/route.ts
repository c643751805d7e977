import { handlerOf, jsonResponse } from "@/lib/api/http";
import { accountOperations } from "@/lib/api/operations/account";
import { revokeApiToken } from "@/lib/tokens/data";

export const DELETE = handlerOf(accountOperations.revokeToken, async ({ actor, params }) =>
  jsonResponse({ token: await revokeApiToken(actor, { tokenId: params.id }) }),
);
