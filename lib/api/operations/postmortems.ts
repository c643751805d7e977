import { operation } from "@/lib/api/operation";
import { z } from "zod";
import {
  actionItemListFilterSchema,
  createActionItemSchema,
  postmortemListFilterSchema,
  publishPostmortemSchema,
  requestReviewSchema,
  savePostmortemSchema,
  submitReviewSchema,
  updateActionItemSchema,
} from "@/lib/postmortems/schema";
import { updateTeamCalendarSchema } from "@/lib/team/schema";

export const postmortemOperations = {
  getIncidentPostmortem: operation({
    method: "GET",
    path: "/api/v1/incidents/{id}/postmortem",
    summary:
      "The incident's postmortem: the document (`postmortem`), impact and detection facts, the curated timeline, action items, reviewers, reviews, revisions and publish readiness",
    role: "viewer",
    responses: {
      200: "`{ postmortem, impact, detection, timeline, actionItems, reviewers, reviews, revisions, readiness }`",
      404: "No such incident, or it has no postmortem yet",
    },
  }),
  savePostmortem: operation({
    method: "PUT",
    path: "/api/v1/incidents/{id}/postmortem",
    summary:
      "Save the incident's postmortem: send only the sections that changed (and `timeline` curation, `ownerId`). The first save creates it, prefilled from the incident; later saves need the `version` you read. Published postmortems are read-only",
    role: "responder",
    body: savePostmortemSchema,
    responses: {
      201: "The postmortem detail, created by this save",
      200: "The postmortem detail",
      404: "No such incident",
      409: "Stale version (`error.details.current` is the postmortem as it is now, `error.details.changed` the parts that changed), or published and read-only",
    },
  }),
  listPostmortems: operation({
    method: "GET",
    path: "/api/v1/postmortems",
    summary:
      "Postmortems, unpublished and soonest due first, with due dates in business days; ?status=draft|in_review|published&overdue=true",
    role: "viewer",
    query: postmortemListFilterSchema,
    responses: {
      200: "`{ postmortems }`",
      422: "A filter is not valid; `error.fields` says which",
    },
  }),
  listActionItems: operation({
    method: "GET",
    path: "/api/v1/postmortems/action-items",
    summary:
      "Action items across every postmortem, overdue first, then by due date; ?open=false includes done and won't-do ones; ?ownerId=",
    role: "viewer",
    query: actionItemListFilterSchema,
    responses: {
      200: "`{ actionItems }`, each with its postmortem and incident",
      422: "A filter is not valid; `error.fields` says which",
    },
  }),
  getPostmortem: operation({
    method: "GET",
    path: "/api/v1/postmortems/{id}",
    summary:
      "A postmortem with its facts, curated timeline, action items, reviewers, reviews, revisions and publish readiness",
    role: "viewer",
    responses: {
      200: "`{ postmortem, impact, detection, timeline, actionItems, reviewers, reviews, revisions, readiness }`",
      404: "No such postmortem",
    },
  }),
  getPostmortemMarkdown: operation({
    method: "GET",
    path: "/api/v1/postmortems/{id}/markdown",
    summary:
      "The postmortem as a Markdown document (every section and the curated timeline), as an attachment",
    role: "viewer",
    responses: { 200: "text/markdown", 404: "No such postmortem" },
  }),
  createActionItem: operation({
    method: "POST",
    path: "/api/v1/postmortems/{id}/action-items",
    summary:
      "Add a follow-up action item (title, owner, due date, http(s) issue link, status); allowed after publishing too",
    role: "responder",
    body: createActionItemSchema,
    responses: { 201: "`{ actionItem }`", 404: "No such postmortem" },
  }),
  updateActionItem: operation({
    method: "PATCH",
    path: "/api/v1/postmortems/{id}/action-items/{itemId}",
    summary: "Change an action item; send the `version` you read",
    role: "responder",
    body: updateActionItemSchema,
    responses: {
      200: "`{ actionItem }`",
      404: "No such postmortem or action item",
      409: "Stale version; `error.details.current` is the action item as it is now",
    },
  }),
  requestReview: operation({
    method: "POST",
    path: "/api/v1/postmortems/{id}/reviewers",
    summary:
      "Ask for review: set the reviewers (responders or above) and move a draft into review; send the `version` you read",
    role: "responder",
    body: requestReviewSchema,
    responses: {
      200: "The postmortem detail",
      404: "No such postmortem",
      409: "Stale version, or already published",
    },
  }),
  submitReview: operation({
    method: "POST",
    path: "/api/v1/postmortems/{id}/review",
    summary:
      "As an assigned reviewer (403 otherwise), approve the `version` you read or request changes (with a comment saying what should change)",
    role: "responder",
    body: submitReviewSchema,
    documentedBody: z.object({
      ...submitReviewSchema.shape,
      decision: z
        .enum(["approve", "request_changes"])
        .describe("`approved` and `changes_requested` are accepted too"),
    }),
    responses: {
      200: "The postmortem detail",
      404: "No such postmortem",
      409: "Not in review, or the document changed since the reviewer read it",
    },
  }),
  publishPostmortem: operation({
    method: "POST",
    path: "/api/v1/postmortems/{id}/publish",
    summary:
      "Publish: needs the postmortem in review, an approval of the current version and no open request for changes; the document becomes read-only",
    role: "responder",
    body: publishPostmortemSchema,
    responses: {
      200: "The postmortem detail",
      404: "No such postmortem",
      409: "Stale version, or not ready (the message says why)",
    },
  }),
  getTeamCalendar: operation({
    method: "GET",
    path: "/api/v1/team/calendar",
    summary:
      "The team's business-day calendar: time zone (IANA name, UTC until configured) and holidays",
    role: "viewer",
    responses: { 200: "`{ timeZone, holidays, version, updatedAt }`" },
  }),
  updateTeamCalendar: operation({
    method: "PUT",
    path: "/api/v1/team/calendar",
    summary:
      "Replace the time zone and holidays; send the `version` you read. Recomputes the due dates of unpublished required postmortems",
    role: "admin",
    body: updateTeamCalendarSchema,
    responses: {
      200: "`{ calendar, recomputed }`: the calendar and how many postmortems' due dates were recomputed",
      409: "Stale version; `error.details.current` is the calendar as it is now",
    },
  }),
};
