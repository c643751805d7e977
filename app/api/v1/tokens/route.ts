import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { createApiToken, listApiTokens } from "@/lib/tokens/data";
import { createTokenSchema } from "@/lib/tokens/schema";

export const GET = apiRoute("admin", async () => jsonResponse({ tokens: await listApiTokens() }));

export const POST = apiRoute("admin", async ({ request, actor }) => {
  const input = await readJsonBody(request, createTokenSchema);
  const { token, secret } = await createApiToken(actor, input);
  return jsonResponse({ token, secret }, { status: 201 });
});
