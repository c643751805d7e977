import { handlerOf, jsonResponse } from "@/lib/api/http";
import { createdOrReplayed } from "@/lib/api/idempotency";
import { incidentOperations } from "@/lib/api/operations/incidents";
import { listTimeline } from "@/lib/incidents/data";
import { appendTimelineEntry } from "@/lib/incidents/mutations";

export const GET = handlerOf(incidentOperations.listTimeline, async ({ params, query }) =>
  jsonResponse(await listTimeline(params.id, query)),
);

export const POST = handlerOf(
  incidentOperations.appendTimelineEntry,
  async ({ actor, params, body }) => {
    const { entry, created } = await appendTimelineEntry(actor, params.id, body);
    return jsonResponse({ entry }, { status: createdOrReplayed(created) });
  },
);
