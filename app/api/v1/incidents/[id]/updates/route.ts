import { handlerOf, jsonResponse } from "@/lib/api/http";
import { createdOrReplayed } from "@/lib/api/idempotency";
import { incidentOperations } from "@/lib/api/operations/incidents";
import { postStatusUpdate } from "@/lib/incidents/mutations";

export const POST = handlerOf(
  incidentOperations.postStatusUpdate,
  async ({ actor, params, body }) => {
    const { entry, created } = await postStatusUpdate(actor, params.id, body);
    return jsonResponse({ entry }, { status: createdOrReplayed(created) });
  },
);
