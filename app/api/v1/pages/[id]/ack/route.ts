import { handlerOf, jsonResponse } from "@/lib/api/http";
import { pagingOperations } from "@/lib/api/operations/paging";
import { ackPage } from "@/lib/paging/data";

/** The body is optional: `{ version }` refuses the ack (409) if the page changed since it was read. */
export const POST = handlerOf(pagingOperations.acknowledgePage, async ({ actor, params, body }) => {
  const { page, changed } = await ackPage(actor, params.id, { via: "api", version: body.version });
  return jsonResponse({ page, changed });
});
