import { handlerOf, jsonResponse } from "@/lib/api/http";
import { createdOrReplayed } from "@/lib/api/idempotency";
import { incidentOperations } from "@/lib/api/operations/incidents";
import { listIncidents } from "@/lib/incidents/data";
import { declareIncident } from "@/lib/incidents/mutations";

export const GET = handlerOf(incidentOperations.listIncidents, async ({ query }) =>
  jsonResponse({ incidents: await listIncidents(query) }),
);

export const POST = handlerOf(incidentOperations.declareIncident, async ({ actor, body }) => {
  const { incident, created } = await declareIncident(actor, body);
  return jsonResponse({ incident }, { status: createdOrReplayed(created) });
});
