import { operation } from "@/lib/api/operation";
import {
  createHandoffSchema,
  escalationContactSchema,
  handoffListFilterSchema,
  updateHandoffScheduleSchema,
  updateOnCallRotationSchema,
} from "@/lib/handoffs/schema";

export const handoffOperations = {
  listHandoffs: operation({
    method: "GET",
    path: "/api/v1/handoffs",
    summary:
      "On-call handoffs, newest window first; ?q= searches the text, names, risks and notes; ?before=<handoff number>&limit=",
    role: "viewer",
    query: handoffListFilterSchema,
    responses: { 200: "`{ handoffs, nextBefore }`" },
  }),
  createHandoff: operation({
    method: "POST",
    path: "/api/v1/handoffs",
    summary:
      "Create a handoff: window, outgoing and incoming on-call, services owned, manual deploy lines, known risks, escalation, notes. Open incidents and in-flight deploys are read live on the server; the runbook's template is rendered and stored, and (when configured) posted to the team feed and the webhooks. `Idempotency-Key` makes a retry create it once",
    role: "responder",
    body: createHandoffSchema,
    idempotencyKey: true,
    responses: {
      201: "`{ handoff }`, created now",
      200: "`{ handoff }` created before under the same idempotency key",
    },
  }),
  getHandoffDraft: operation({
    method: "GET",
    path: "/api/v1/handoffs/draft",
    summary:
      "A handoff draft for the caller from live data: the window from the schedule, services with their state, open incidents, in-flight deploys, escalation contacts",
    role: "viewer",
    responses: {
      200: "The draft (`windowStart`, `windowEnd`, `outgoing`, `incoming`, `snapshot`, `escalation`, `contacts`, `people`)",
    },
  }),
  getHandoff: operation({
    method: "GET",
    path: "/api/v1/handoffs/{id}",
    summary: "A handoff with its rendered text (the runbook's template, filled in) and as Markdown",
    role: "viewer",
    responses: { 200: "`{ handoff, markdown }`", 404: "No such handoff" },
  }),
  acknowledgeHandoff: operation({
    method: "POST",
    path: "/api/v1/handoffs/{id}/ack",
    summary:
      "Acknowledge a handoff as its incoming on-call (the time is recorded); acknowledging again changes nothing",
    role: "responder",
    responses: {
      200: "`{ handoff }`",
      403: "Only the incoming on-call may acknowledge",
      404: "No such handoff",
    },
  }),
  getHandoffSchedule: operation({
    method: "GET",
    path: "/api/v1/handoffs/schedule",
    summary:
      "When shifts change: daily or weekly, at an hour and minute UTC (daily 09:00 UTC until set)",
    role: "viewer",
    responses: { 200: "`{ cadence, hourUtc, minuteUtc, weekday, version }`" },
  }),
  updateHandoffSchedule: operation({
    method: "PUT",
    path: "/api/v1/handoffs/schedule",
    summary: "Change the handoff schedule; send the `version` you read",
    role: "admin",
    body: updateHandoffScheduleSchema,
    responses: { 200: "The schedule", 409: "Stale version" },
  }),
  getOnCallNow: operation({
    method: "GET",
    path: "/api/v1/on-call",
    summary:
      "Who is on call now and why: the incoming of the handoff covering now, else the rotation's shift, else nobody",
    role: "viewer",
    responses: { 200: "`{ person, source, reason, until, handoff, shift }`" },
  }),
  getOnCallRotation: operation({
    method: "GET",
    path: "/api/v1/on-call/rotation",
    summary: "The on-call rotation in shift order and the moment it counts shifts from",
    role: "viewer",
    responses: { 200: "`{ rotation, rotationStartsAt, version }`" },
  }),
  updateOnCallRotation: operation({
    method: "PUT",
    path: "/api/v1/on-call/rotation",
    summary:
      "Replace the rotation (user ids in shift order) and optionally its start; send the schedule `version` you read",
    role: "lead",
    body: updateOnCallRotationSchema,
    responses: { 200: "The rotation", 409: "Stale version" },
  }),
  listEscalationContacts: operation({
    method: "GET",
    path: "/api/v1/escalation-contacts",
    summary: "The escalation contacts a handoff picks from (name, phone or Slack), in order",
    role: "viewer",
    responses: { 200: "`{ contacts }`" },
  }),
  createEscalationContact: operation({
    method: "POST",
    path: "/api/v1/escalation-contacts",
    summary: "Add an escalation contact",
    role: "admin",
    bodyParsedByService: true,
    body: escalationContactSchema,
    responses: { 201: "`{ contact }`" },
  }),
  updateEscalationContact: operation({
    method: "PATCH",
    path: "/api/v1/escalation-contacts/{id}",
    summary: "Change an escalation contact",
    role: "admin",
    bodyParsedByService: true,
    body: escalationContactSchema.partial(),
    responses: { 200: "`{ contact }`", 404: "No such contact" },
  }),
  deleteEscalationContact: operation({
    method: "DELETE",
    path: "/api/v1/escalation-contacts/{id}",
    summary: "Remove an escalation contact (handoffs already made keep the names they had)",
    role: "admin",
    responses: { 200: "`{ deleted: true }`", 404: "No such contact" },
  }),
};
