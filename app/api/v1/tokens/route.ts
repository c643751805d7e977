import { handlerOf, jsonResponse } from "@/lib/api/http";
import { accountOperations } from "@/lib/api/operations/account";
import { createApiToken, listApiTokens } from "@/lib/tokens/data";

export const GET = handlerOf(accountOperations.listTokens, async () =>
  jsonResponse({ tokens: await listApiTokens() }),
);

export const POST = handlerOf(accountOperations.createToken, async ({ actor, body }) => {
  const { token, secret } = await createApiToken(actor, body);
  return jsonResponse({ token, secret }, { status: 201 });
});
