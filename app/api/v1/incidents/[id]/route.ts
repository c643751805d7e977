import { handlerOf, jsonResponse } from "@/lib/api/http";
import { incidentOperations } from "@/lib/api/operations/incidents";
import { getIncidentDetail } from "@/lib/incidents/data";
import { updateIncident } from "@/lib/incidents/mutations";

/** The incident with what its page shows beside it: the runbook's state and the affected services' latest failures. */
export const GET = handlerOf(incidentOperations.getIncident, async ({ params }) =>
  jsonResponse(await getIncidentDetail(params.id)),
);

export const PATCH = handlerOf(incidentOperations.updateIncident, async ({ actor, params, body }) =>
  jsonResponse({ incident: await updateIncident(actor, params.id, body) }),
);
