import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { createdOrReplayed } from "@/lib/api/idempotency";
import { declareIncidentFromPage } from "@/lib/paging/data";
import { declareFromPageSchema } from "@/lib/paging/schema";

/** Declares an incident from the page (201), or answers the incident already declared from it (200). */
export const POST = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = request.headers.has("content-type") ? await readJsonBody(request, declareFromPageSchema) : {};
  const { incident, page, created } = await declareIncidentFromPage(actor, params.id, body);
  return jsonResponse({ incident, page }, { status: createdOrReplayed(created) });
});
