import { handlerOf, jsonResponse } from "@/lib/api/http";
import { createdOrReplayed } from "@/lib/api/idempotency";
import { pagingOperations } from "@/lib/api/operations/paging";
import { declareIncidentFromPage } from "@/lib/paging/data";

/** Declares an incident from the page (201), or answers the incident already declared from it (200). */
export const POST = handlerOf(
  pagingOperations.declareIncidentFromPage,
  async ({ actor, params, body }) => {
    const { incident, page, created } = await declareIncidentFromPage(actor, params.id, body);
    return jsonResponse({ incident, page }, { status: createdOrReplayed(created) });
  },
);
