import { apiRoute, jsonResponse } from "@/lib/api/http";
import { revokeApiToken } from "@/lib/tokens/data";

export const DELETE = apiRoute<{ id: string }>("admin", async ({ actor, params }) =>
  jsonResponse({ token: await revokeApiToken(actor, { tokenId: params.id }) }),
);
