import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { ackPage } from "@/lib/paging/data";
import { ackPageSchema } from "@/lib/paging/schema";

/** The body is optional: `{ version }` refuses the ack (409) if the page changed since it was read. */
export const POST = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = request.headers.has("content-type") ? await readJsonBody(request, ackPageSchema) : {};
  const { page, changed } = await ackPage(actor, params.id, { via: "api", version: body.version });
  return jsonResponse({ page, changed });
});
