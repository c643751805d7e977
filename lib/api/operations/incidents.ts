import { operation } from "@/lib/api/operation";
import { z } from "zod";
import {
  declareIncidentSchema,
  incidentListFilterSchema,
  statusUpdateInputSchema,
  timelineEntryInputSchema,
  timelineQuerySchema,
  updateIncidentSchema,
} from "@/lib/incidents/schema";

export const incidentOperations = {
  listIncidents: operation({
    method: "GET",
    path: "/api/v1/incidents",
    summary:
      "Incidents, open ones first; ?status=open|investigating|identified|mitigated|resolved&severity=&service=&from=&to=&limit=",
    role: "viewer",
    query: incidentListFilterSchema,
    responses: { 200: "`{ incidents }`" },
  }),
  declareIncident: operation({
    method: "POST",
    path: "/api/v1/incidents",
    summary:
      "Declare an incident; send an `Idempotency-Key` header (or `idempotencyKey`) so a retry never declares twice",
    role: "responder",
    body: declareIncidentSchema,
    idempotencyKey: true,
    responses: {
      201: "`{ incident }`, declared now",
      200: "`{ incident }` declared before under the same idempotency key",
    },
  }),
  getIncidentReport: operation({
    method: "GET",
    path: "/api/v1/incidents/report",
    summary:
      "Incidents per month by severity, and time to mitigate and to resolve (median, p90); ?months=1..36 (default 12)",
    role: "viewer",
    query: z.object({ months: z.coerce.number().int().min(1).max(36).default(12) }),
    responses: { 200: "`{ report }`" },
  }),
  getIncident: operation({
    method: "GET",
    path: "/api/v1/incidents/{id}",
    summary:
      "An incident with its ticked runbook steps and the affected services' latest failing checks",
    role: "viewer",
    responses: { 200: "`{ incident, tickedSteps, failingChecks }`", 404: "No such incident" },
  }),
  updateIncident: operation({
    method: "PATCH",
    path: "/api/v1/incidents/{id}",
    summary:
      "Change an incident (status, severity, title, roles, fields); send the `version` you read. Resolving needs `rootCause`",
    role: "responder",
    body: updateIncidentSchema,
    responses: {
      200: "`{ incident }`",
      404: "No such incident",
      409: "Stale version; `error.details.current` is the incident as it is now",
    },
  }),
  listTimeline: operation({
    method: "GET",
    path: "/api/v1/incidents/{id}/timeline",
    summary:
      "Timeline entries, newest first by when they happened; ?before=<entry id>&limit= (keyset pages)",
    role: "viewer",
    query: timelineQuerySchema,
    responses: { 200: "`{ entries, nextBefore }`", 404: "No such incident" },
  }),
  appendTimelineEntry: operation({
    method: "POST",
    path: "/api/v1/incidents/{id}/timeline",
    summary:
      "Append a note, action, deploy or rollback (or a correction with `correctsId`); `Idempotency-Key` makes retries safe",
    role: "responder",
    body: timelineEntryInputSchema,
    idempotencyKey: true,
    responses: {
      201: "`{ entry }`, appended now",
      200: "`{ entry }` appended before under the same idempotency key",
      404: "No such incident",
    },
  }),
  postStatusUpdate: operation({
    method: "POST",
    path: "/api/v1/incidents/{id}/updates",
    summary:
      "Post a status update (message, affected, ETA, workaround) to the timeline and every notification destination",
    role: "responder",
    body: statusUpdateInputSchema,
    idempotencyKey: true,
    responses: {
      201: "`{ entry }`",
      200: "`{ entry }` posted before under the same idempotency key",
      404: "No such incident",
    },
  }),
};
