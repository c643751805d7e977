import { handlerOf, jsonResponse } from "@/lib/api/http";
import { incidentOperations } from "@/lib/api/operations/incidents";
import { incidentReport } from "@/lib/incidents/data";

export const GET = handlerOf(incidentOperations.getIncidentReport, async ({ query }) =>
  jsonResponse({ report: await incidentReport(query.months) }),
);
