import { operation } from "@/lib/api/operation";
import { z } from "zod";
import {
  ackPageSchema,
  declareFromPageSchema,
  escalationPolicyInputSchema,
  listPagesQuerySchema,
} from "@/lib/paging/schema";

export const pagingOperations = {
  listEscalationPolicies: operation({
    method: "GET",
    path: "/api/v1/escalation-policies",
    summary:
      "Escalation policies, the default first (the built-in one, `id: null`, while none is stored), each with its levels (delay minutes, targets: on_call, escalation_contacts, leads, user), repeat and the services following it",
    role: "viewer",
    responses: { 200: "`{ policies }`" },
  }),
  createEscalationPolicy: operation({
    method: "POST",
    path: "/api/v1/escalation-policies",
    summary:
      "Create an escalation policy; `isDefault: true` makes it the default (every other one stops being it). A person target must exist and not be disabled",
    role: "lead",
    body: escalationPolicyInputSchema,
    responses: {
      201: "`{ policy }`",
      409: "The name is taken",
      422: "A field is not valid, e.g. `levels.1.targets.0.userId`",
    },
  }),
  getEscalationPolicy: operation({
    method: "GET",
    path: "/api/v1/escalation-policies/{id}",
    summary: "One escalation policy",
    role: "viewer",
    responses: { 200: "`{ policy }`", 404: "No such policy" },
  }),
  updateEscalationPolicy: operation({
    method: "PUT",
    path: "/api/v1/escalation-policies/{id}",
    summary:
      "Replace a policy's name, levels and repeat; send the `version` you read. `isDefault: true` makes it the default; `false` on the default is refused",
    role: "lead",
    body: escalationPolicyInputSchema.extend({
      isDefault: z.boolean().optional(),
      version: z.coerce
        .number({ message: "Send the version you read." })
        .int()
        .min(1, "Send the version you read."),
    }),
    responses: {
      200: "`{ policy }`",
      404: "No such policy",
      409: "Stale version (with the current policy) or the name is taken",
      422: "A field is not valid",
    },
  }),
  deleteEscalationPolicy: operation({
    method: "DELETE",
    path: "/api/v1/escalation-policies/{id}",
    summary:
      "Delete a policy that is not the default; services that named it follow the default again",
    role: "lead",
    responses: {
      200: "`{ deleted: true }`",
      404: "No such policy",
      409: "It is the default policy",
    },
  }),
  listPages: operation({
    method: "GET",
    path: "/api/v1/pages",
    summary:
      "Pages, newest first, with who was notified how and when; `?state=open|all|triggered|acknowledged|resolved`, `?before=<number>`, `?limit=`",
    role: "viewer",
    query: listPagesQuerySchema,
    responses: { 200: "`{ pages, nextBefore }`" },
  }),
  getPage: operation({
    method: "GET",
    path: "/api/v1/pages/{id}",
    summary:
      "One page by id or number: state, escalation level, acknowledger, time to acknowledge, every notification (redacted target, status, error)",
    role: "viewer",
    responses: { 200: "`{ page }`", 404: "No such page" },
  }),
  acknowledgePage: operation({
    method: "POST",
    path: "/api/v1/pages/{id}/ack",
    summary:
      "Acknowledge a triggered page: escalation stops. Again by the same person changes nothing; the body (`{ version }`) is optional",
    role: "responder",
    bodyOptional: true,
    body: ackPageSchema,
    responses: {
      200: "`{ page, changed }`",
      404: "No such page",
      409: "Already resolved, acknowledged by someone else, or a stale version",
    },
  }),
  declareIncidentFromPage: operation({
    method: "POST",
    path: "/api/v1/pages/{id}/incident",
    summary:
      "Declare an incident from a page (its service, title and notification story on the timeline) and link it; again answers the linked incident. The body (`{ severity }`, default sev2) is optional",
    role: "responder",
    bodyOptional: true,
    body: declareFromPageSchema,
    responses: {
      201: "`{ incident, page }`",
      200: "`{ incident, page }`: declared before",
      404: "No such page",
    },
  }),
};
