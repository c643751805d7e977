import { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { changeBoardModeSchema } from "@/lib/board/schema";
import { createContactMethodSchema, patchContactMethodSchema } from "@/lib/contacts/schema";
import { createDeploySchema, updateDeploySchema } from "@/lib/deploys/schema";
import { changeMaintenanceSchema, createMaintenanceSchema } from "@/lib/maintenance/schema";
import { createHandoffSchema, escalationContactSchema, updateHandoffScheduleSchema, updateOnCallRotationSchema } from "@/lib/handoffs/schema";
import { appVersion } from "@/lib/env";
import { acceptBaselineSchema, serviceInputSchema } from "@/lib/health/schema";
import { declareIncidentSchema, statusUpdateInputSchema, timelineEntryInputSchema, updateIncidentSchema } from "@/lib/incidents/schema";
import { escalationPolicyInputSchema } from "@/lib/paging/schema";
import { ackPageSchema, declareFromPageSchema } from "@/lib/paging/schema";
import {
  createActionItemSchema,
  publishPostmortemSchema,
  requestReviewSchema,
  savePostmortemSchema,
  submitReviewSchema,
  updateActionItemSchema,
} from "@/lib/postmortems/schema";
import { updateTeamCalendarSchema } from "@/lib/team/schema";
import { createTokenSchema } from "@/lib/tokens/schema";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type ApiOperation = {
  method: Method;
  path: string;
  summary: string;
  role: Role;
  requestBody?: z.ZodType;
  /** Takes an optional `Idempotency-Key` header: a retry with the same key answers the first call's record. */
  idempotencyKey?: true;
  responses: Record<number, string>;
};

/** The REST surface, one entry per route handler export; a test keeps it in step with app/api/v1. */
export const apiOperations: ApiOperation[] = [
  { method: "GET", path: "/api/v1/me", summary: "The caller: user id, email, name and role", role: "viewer", responses: { 200: "The caller" } },
  {
    method: "GET",
    path: "/api/v1/me/contact-methods",
    summary: "The caller's contact methods (email shown in full, URLs redacted)",
    role: "viewer",
    responses: { 200: "`{ contactMethods }`" },
  },
  {
    method: "POST",
    path: "/api/v1/me/contact-methods",
    summary: "Add a contact method: email, Slack-compatible webhook, ntfy topic URL or generic webhook (URLs pass the outbound policy)",
    role: "viewer",
    requestBody: createContactMethodSchema,
    responses: { 201: "`{ contactMethod }`", 422: "A field is not valid, or the URL is not allowed" },
  },
  {
    method: "PATCH",
    path: "/api/v1/me/contact-methods/{id}",
    summary: "Change one of the caller's contact methods (admins: anyone's); a blank target keeps the stored one",
    role: "viewer",
    requestBody: patchContactMethodSchema,
    responses: { 200: "`{ contactMethod }`", 403: "Not the caller's method", 404: "No such method", 409: "Changed since read" },
  },
  {
    method: "DELETE",
    path: "/api/v1/me/contact-methods/{id}",
    summary: "Remove one of the caller's contact methods (admins: anyone's)",
    role: "viewer",
    responses: { 200: "`{ deleted: true }`", 403: "Not the caller's method", 404: "No such method" },
  },
  {
    method: "POST",
    path: "/api/v1/me/contact-methods/{id}/test",
    summary: "Send a test message now; the answer carries lastTestStatus and lastTestError",
    role: "viewer",
    responses: { 200: "`{ contactMethod }`", 403: "Not the caller's method", 404: "No such method" },
  },
  {
    method: "GET",
    path: "/api/v1/users/{id}/contact-methods",
    summary: "Someone's contact methods (admins only; URLs redacted). Change or remove one through /api/v1/me/contact-methods/{id}",
    role: "admin",
    responses: { 200: "`{ contactMethods }`" },
  },
  {
    method: "POST",
    path: "/api/v1/users/{id}/contact-methods",
    summary: "Add a contact method for someone (admins only)",
    role: "admin",
    requestBody: createContactMethodSchema,
    responses: { 201: "`{ contactMethod }`", 404: "No such person", 422: "A field is not valid, or the URL is not allowed" },
  },
  { method: "GET", path: "/api/v1/tokens", summary: "List API tokens (never their secrets)", role: "admin", responses: { 200: "Tokens" } },
  {
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Create an API token; the secret is in this response only",
    role: "admin",
    requestBody: createTokenSchema,
    responses: { 201: "The token and its secret" },
  },
  { method: "DELETE", path: "/api/v1/tokens/{id}", summary: "Revoke an API token", role: "admin", responses: { 200: "The revoked token" } },
  { method: "GET", path: "/api/v1/openapi.json", summary: "This document", role: "viewer", responses: { 200: "OpenAPI 3.1 document" } },
  {
    method: "GET",
    path: "/api/v1/status",
    summary: "Every service's tile in one call (derived status, reason, alert state, latency vs SLO, uptime, the deploy in flight); ?environment=&tag=",
    role: "viewer",
    responses: { 200: "Status summary" },
  },
  {
    method: "GET",
    path: "/api/v1/alerts",
    summary: "Alerts with their level (page or warning), rule, reason and evidence; ?state=open|ended|all (default open)&serviceId=&limit=",
    role: "viewer",
    responses: { 200: "Alerts, pages first", 422: "A bad filter" },
  },
  { method: "GET", path: "/api/v1/services", summary: "List monitored services and their configuration", role: "viewer", responses: { 200: "Services" } },
  { method: "POST", path: "/api/v1/services", summary: "Add a service to monitor", role: "lead", requestBody: serviceInputSchema, responses: { 201: "The service" } },
  { method: "GET", path: "/api/v1/services/{id}", summary: "A service: configuration, tile (with the deploy in flight, if any), state changes, 90-day uptime and its latest deploys", role: "viewer", responses: { 200: "Service detail", 404: "No such service" } },
  {
    method: "PATCH",
    path: "/api/v1/services/{id}",
    summary: "Change a service; send the `version` you read (409 when someone changed it since)",
    role: "lead",
    responses: { 200: "The service", 404: "No such service", 409: "Stale version" },
  },
  { method: "DELETE", path: "/api/v1/services/{id}", summary: "Stop monitoring a service and delete its history", role: "lead", responses: { 200: "Deleted", 404: "No such service" } },
  { method: "GET", path: "/api/v1/services/{id}/checks", summary: "Check history, newest first; ?limit=&before=", role: "viewer", responses: { 200: "Checks and the next cursor" } },
  { method: "GET", path: "/api/v1/services/{id}/latency", summary: "p50/p95/p99 latency series; ?range=1h|24h|7d|30d", role: "viewer", responses: { 200: "Latency points and the SLO" } },
  { method: "POST", path: "/api/v1/services/{id}/check", summary: "Check now", role: "responder", responses: { 200: "The check's result", 409: "A check is already running" } },
  {
    method: "GET",
    path: "/api/v1/services/{id}/baselines",
    summary: "Key-figure baselines (tool count…): value, source, when set, who accepted it and why, the figure seen now and whether it has dropped below half",
    role: "viewer",
    responses: { 200: "`{ baselines }`", 404: "No such service" },
  },
  {
    method: "POST",
    path: "/api/v1/services/{id}/baselines",
    summary: "Accept the figure seen now as the baseline (ends a drop), with the reason; recorded with who accepted it",
    role: "lead",
    requestBody: acceptBaselineSchema,
    responses: { 200: "`{ baseline }`", 404: "No such service", 422: "No reason, a figure not watched, or no current value for it" },
  },
  { method: "GET", path: "/api/v1/stream", summary: "Server-sent events: `health` when results or states change, `incident` when an incident or its timeline changes", role: "viewer", responses: { 200: "text/event-stream" } },
  {
    method: "GET",
    path: "/api/v1/incidents",
    summary: "Incidents, open ones first; ?status=open|investigating|identified|mitigated|resolved&severity=&service=&from=&to=&limit=",
    role: "viewer",
    responses: { 200: "`{ incidents }`" },
  },
  {
    method: "POST",
    path: "/api/v1/incidents",
    summary: "Declare an incident; send an `Idempotency-Key` header (or `idempotencyKey`) so a retry never declares twice",
    role: "responder",
    requestBody: declareIncidentSchema,
    idempotencyKey: true,
    responses: { 201: "`{ incident }`, declared now", 200: "`{ incident }` declared before under the same idempotency key" },
  },
  {
    method: "GET",
    path: "/api/v1/incidents/report",
    summary: "Incidents per month by severity, and time to mitigate and to resolve (median, p90); ?months=1..36 (default 12)",
    role: "viewer",
    responses: { 200: "`{ report }`" },
  },
  {
    method: "GET",
    path: "/api/v1/incidents/{id}",
    summary: "An incident with its ticked runbook steps and the affected services' latest failing checks",
    role: "viewer",
    responses: { 200: "`{ incident, tickedSteps, failingChecks }`", 404: "No such incident" },
  },
  {
    method: "PATCH",
    path: "/api/v1/incidents/{id}",
    summary: "Change an incident (status, severity, title, roles, fields); send the `version` you read. Resolving needs `rootCause`",
    role: "responder",
    requestBody: updateIncidentSchema,
    responses: { 200: "`{ incident }`", 404: "No such incident", 409: "Stale version; `error.details.current` is the incident as it is now" },
  },
  {
    method: "GET",
    path: "/api/v1/incidents/{id}/timeline",
    summary: "Timeline entries, newest first by when they happened; ?before=<entry id>&limit= (keyset pages)",
    role: "viewer",
    responses: { 200: "`{ entries, nextBefore }`", 404: "No such incident" },
  },
  {
    method: "POST",
    path: "/api/v1/incidents/{id}/timeline",
    summary: "Append a note, action, deploy or rollback (or a correction with `correctsId`); `Idempotency-Key` makes retries safe",
    role: "responder",
    requestBody: timelineEntryInputSchema,
    idempotencyKey: true,
    responses: { 201: "`{ entry }`, appended now", 200: "`{ entry }` appended before under the same idempotency key", 404: "No such incident" },
  },
  {
    method: "POST",
    path: "/api/v1/incidents/{id}/updates",
    summary: "Post a status update (message, affected, ETA, workaround) to the timeline and every notification destination",
    role: "responder",
    requestBody: statusUpdateInputSchema,
    idempotencyKey: true,
    responses: { 201: "`{ entry }`", 200: "`{ entry }` posted before under the same idempotency key", 404: "No such incident" },
  },
  {
    method: "GET",
    path: "/api/v1/board",
    summary: "The HoloMesh team board as last fetched (mode, objective and whether it is in step, task counts, Vigil's record of changes); ?refresh=1 fetches it now",
    role: "viewer",
    responses: { 200: "The board view (`configured`, `board`, `changes` of the connected team with each change's `state` and `verdict`, `running`: the change in progress with each step's times, `fetchedAt`, `stale`, `error`)" },
  },
  {
    method: "POST",
    path: "/api/v1/board/mode",
    summary: "Change the team's mode (one of the nine) with a reason and an optional custom objective: read the board, POST mode only when the mode changes (an objective-only change is a PATCH room alone), PATCH room when custom, read the board to confirm; an answer lost, late or 5xx is decided by reading the board; `Idempotency-Key` makes a retry change the mode once; 409 at once while another change runs",
    role: "lead",
    requestBody: changeBoardModeSchema,
    idempotencyKey: true,
    responses: { 200: "`{ change, board }`: the change with each step's outcome, its `state` (confirmed, partial, failed, unconfirmed or unknown) and `verdict` (the end state in words and, when partial, the one `nextAction` that completes it), and the board as read", 409: "Another board change is still running" },
  },
  {
    method: "GET",
    path: "/api/v1/incidents/{id}/postmortem",
    summary: "The incident's postmortem: the document (`postmortem`), impact and detection facts, the curated timeline, action items, reviewers, reviews, revisions and publish readiness",
    role: "viewer",
    responses: { 200: "`{ postmortem, impact, detection, timeline, actionItems, reviewers, reviews, revisions, readiness }`", 404: "No such incident, or it has no postmortem yet" },
  },
  {
    method: "PUT",
    path: "/api/v1/incidents/{id}/postmortem",
    summary:
      "Save the incident's postmortem: send only the sections that changed (and `timeline` curation, `ownerId`). The first save creates it, prefilled from the incident; later saves need the `version` you read. Published postmortems are read-only",
    role: "responder",
    requestBody: savePostmortemSchema,
    responses: {
      201: "The postmortem detail, created by this save",
      200: "The postmortem detail",
      404: "No such incident",
      409: "Stale version (`error.details.current` is the postmortem as it is now, `error.details.changed` the parts that changed), or published and read-only",
    },
  },
  {
    method: "GET",
    path: "/api/v1/postmortems",
    summary: "Postmortems, unpublished and soonest due first, with due dates in business days; ?status=draft|in_review|published&overdue=true",
    role: "viewer",
    responses: { 200: "`{ postmortems }`", 422: "A filter is not valid; `error.fields` says which" },
  },
  {
    method: "GET",
    path: "/api/v1/postmortems/action-items",
    summary: "Action items across every postmortem, overdue first, then by due date; ?open=false includes done and won't-do ones; ?ownerId=",
    role: "viewer",
    responses: { 200: "`{ actionItems }`, each with its postmortem and incident", 422: "A filter is not valid; `error.fields` says which" },
  },
  {
    method: "GET",
    path: "/api/v1/postmortems/{id}",
    summary: "A postmortem with its facts, curated timeline, action items, reviewers, reviews, revisions and publish readiness",
    role: "viewer",
    responses: { 200: "`{ postmortem, impact, detection, timeline, actionItems, reviewers, reviews, revisions, readiness }`", 404: "No such postmortem" },
  },
  {
    method: "GET",
    path: "/api/v1/postmortems/{id}/markdown",
    summary: "The postmortem as a Markdown document (every section and the curated timeline), as an attachment",
    role: "viewer",
    responses: { 200: "text/markdown", 404: "No such postmortem" },
  },
  {
    method: "POST",
    path: "/api/v1/postmortems/{id}/action-items",
    summary: "Add a follow-up action item (title, owner, due date, http(s) issue link, status); allowed after publishing too",
    role: "responder",
    requestBody: createActionItemSchema,
    responses: { 201: "`{ actionItem }`", 404: "No such postmortem" },
  },
  {
    method: "PATCH",
    path: "/api/v1/postmortems/{id}/action-items/{itemId}",
    summary: "Change an action item; send the `version` you read",
    role: "responder",
    requestBody: updateActionItemSchema,
    responses: { 200: "`{ actionItem }`", 404: "No such postmortem or action item", 409: "Stale version; `error.details.current` is the action item as it is now" },
  },
  {
    method: "POST",
    path: "/api/v1/postmortems/{id}/reviewers",
    summary: "Ask for review: set the reviewers (responders or above) and move a draft into review; send the `version` you read",
    role: "responder",
    requestBody: requestReviewSchema,
    responses: { 200: "The postmortem detail", 404: "No such postmortem", 409: "Stale version, or already published" },
  },
  {
    method: "POST",
    path: "/api/v1/postmortems/{id}/review",
    summary: "As an assigned reviewer (403 otherwise), approve the `version` you read or request changes (with a comment saying what should change)",
    role: "responder",
    requestBody: z.object({
      ...submitReviewSchema.shape,
      decision: z.enum(["approve", "request_changes"]).describe("`approved` and `changes_requested` are accepted too"),
    }),
    responses: {
      200: "The postmortem detail",
      404: "No such postmortem",
      409: "Not in review, or the document changed since the reviewer read it",
    },
  },
  {
    method: "POST",
    path: "/api/v1/postmortems/{id}/publish",
    summary: "Publish: needs the postmortem in review, an approval of the current version and no open request for changes; the document becomes read-only",
    role: "responder",
    requestBody: publishPostmortemSchema,
    responses: { 200: "The postmortem detail", 404: "No such postmortem", 409: "Stale version, or not ready (the message says why)" },
  },
  {
    method: "GET",
    path: "/api/v1/team/calendar",
    summary: "The team's business-day calendar: time zone (IANA name, UTC until configured) and holidays",
    role: "viewer",
    responses: { 200: "`{ timeZone, holidays, version, updatedAt }`" },
  },
  {
    method: "PUT",
    path: "/api/v1/team/calendar",
    summary: "Replace the time zone and holidays; send the `version` you read. Recomputes the due dates of unpublished required postmortems",
    role: "admin",
    requestBody: updateTeamCalendarSchema,
    responses: { 200: "`{ calendar, recomputed }`: the calendar and how many postmortems' due dates were recomputed", 409: "Stale version; `error.details.current` is the calendar as it is now" },
  },
  {
    method: "GET",
    path: "/api/v1/deploys",
    summary: "The deploy log, newest first; ?service=<id or name>&status=started|succeeded|failed|rolled_back&inFlight=true&environment=&before=<deploy number>&limit=",
    role: "viewer",
    responses: { 200: "`{ deploys, nextBefore }`", 422: "A filter is not valid; `error.fields` says which" },
  },
  {
    method: "POST",
    path: "/api/v1/deploys",
    summary:
      "Record a deploy (for CI pipelines): `service` (id or exact name), `version` or `commit`, `status` (default started), `environment`, http(s) `link`, `who`, the runbook's checklist (`ciGreen`, `noSecretsInDiff`, `versionTagRecorded`), `maintenance: true` (with `maintenanceMinutes`, default 15, at most 120) to open a maintenance window over the service until the deploy finishes. Lands on the timeline of every open incident of that service. Recorded as succeeded, it gets a post-deploy smoke check. Send an `Idempotency-Key` so a retried step records once",
    role: "responder",
    requestBody: createDeploySchema,
    idempotencyKey: true,
    responses: { 201: "`{ deploy }`, recorded now", 200: "`{ deploy }` recorded before under the same idempotency key" },
  },
  {
    method: "GET",
    path: "/api/v1/deploys/{id}",
    summary: "A deploy with its checklist and smoke result, and the runbook's rollback guidance (last green deploy, Railway redeploy or git revert) when it failed",
    role: "viewer",
    responses: { 200: "`{ deploy, rollback }` (`rollback` is null unless the deploy failed)", 404: "No such deploy" },
  },
  {
    method: "PATCH",
    path: "/api/v1/deploys/{id}",
    summary:
      "Move a deploy along (started → succeeded | failed | rolled_back; succeeded or failed → rolled_back) or change its link, checklist and notes. On succeeded the post-deploy smoke check runs (unless `skipSmoke`) and its result is in the answer",
    role: "responder",
    requestBody: updateDeploySchema,
    responses: {
      200: "`{ deploy }`",
      404: "No such deploy",
      409: "Not an allowed move, or someone moved it first; `error.details.allowed` lists the allowed statuses, `error.details.current` is the deploy as it is now",
    },
  },
  {
    method: "GET",
    path: "/api/v1/maintenance",
    summary: "Maintenance windows: `{ active, upcoming, recent }` (recent: ended in the last `recentDays`, default 7); ?service=<id>&recentDays=",
    role: "viewer",
    responses: { 200: "`{ active, upcoming, recent }`", 422: "A filter is not valid; `error.fields` says which" },
  },
  {
    method: "POST",
    path: "/api/v1/maintenance",
    summary:
      "Open a maintenance window: `services` (ids or exact names), `startsAt` (default now), `endsAt` or `durationMinutes` (\"for 30 minutes\"; at most 7 days), `reason`, `recurrence` (none or weekly). While it covers a service, checks run, nothing pages or warns, and (per the team setting) its results are left out of uptime and the error budget. Audited",
    role: "responder",
    requestBody: createMaintenanceSchema,
    responses: { 201: "`{ window }`", 422: "A field is not valid (no service, end not after start, too long, already over); `error.fields` says which" },
  },
  {
    method: "GET",
    path: "/api/v1/maintenance/{id}",
    summary: "A maintenance window with its services, who made it, its state (active, upcoming, ended) and its current and next occurrence",
    role: "viewer",
    responses: { 200: "`{ window }`", 404: "No such window" },
  },
  {
    method: "POST",
    path: "/api/v1/maintenance/{id}/end",
    summary: "End a window now: cuts the occurrence in effect (a weekly window repeats next week) or calls off a one-off window not yet begun. Send `version` to make it conditional on what you saw. Audited",
    role: "responder",
    requestBody: changeMaintenanceSchema,
    responses: { 200: "`{ window }`", 404: "No such window", 409: "Already ended, not in effect, or changed meanwhile (`error.details.current` is the window now)" },
  },
  {
    method: "GET",
    path: "/api/v1/handoffs",
    summary: "On-call handoffs, newest window first; ?q= searches the text, names, risks and notes; ?before=<handoff number>&limit=",
    role: "viewer",
    responses: { 200: "`{ handoffs, nextBefore }`" },
  },
  {
    method: "POST",
    path: "/api/v1/handoffs",
    summary:
      "Create a handoff: window, outgoing and incoming on-call, services owned, manual deploy lines, known risks, escalation, notes. Open incidents and in-flight deploys are read live on the server; the runbook's template is rendered and stored, and (when configured) posted to the team feed and the webhooks. `Idempotency-Key` makes a retry create it once",
    role: "responder",
    requestBody: createHandoffSchema,
    idempotencyKey: true,
    responses: { 201: "`{ handoff }`, created now", 200: "`{ handoff }` created before under the same idempotency key" },
  },
  {
    method: "GET",
    path: "/api/v1/handoffs/draft",
    summary: "A handoff draft for the caller from live data: the window from the schedule, services with their state, open incidents, in-flight deploys, escalation contacts",
    role: "viewer",
    responses: { 200: "The draft (`windowStart`, `windowEnd`, `outgoing`, `incoming`, `snapshot`, `escalation`, `contacts`, `people`)" },
  },
  {
    method: "GET",
    path: "/api/v1/handoffs/{id}",
    summary: "A handoff with its rendered text (the runbook's template, filled in) and as Markdown",
    role: "viewer",
    responses: { 200: "`{ handoff, markdown }`", 404: "No such handoff" },
  },
  {
    method: "POST",
    path: "/api/v1/handoffs/{id}/ack",
    summary: "Acknowledge a handoff as its incoming on-call (the time is recorded); acknowledging again changes nothing",
    role: "responder",
    responses: { 200: "`{ handoff }`", 403: "Only the incoming on-call may acknowledge", 404: "No such handoff" },
  },
  {
    method: "GET",
    path: "/api/v1/handoffs/schedule",
    summary: "When shifts change: daily or weekly, at an hour and minute UTC (daily 09:00 UTC until set)",
    role: "viewer",
    responses: { 200: "`{ cadence, hourUtc, minuteUtc, weekday, version }`" },
  },
  {
    method: "PUT",
    path: "/api/v1/handoffs/schedule",
    summary: "Change the handoff schedule; send the `version` you read",
    role: "admin",
    requestBody: updateHandoffScheduleSchema,
    responses: { 200: "The schedule", 409: "Stale version" },
  },
  {
    method: "GET",
    path: "/api/v1/on-call",
    summary: "Who is on call now and why: the incoming of the handoff covering now, else the rotation's shift, else nobody",
    role: "viewer",
    responses: { 200: "`{ person, source, reason, until, handoff, shift }`" },
  },
  {
    method: "GET",
    path: "/api/v1/on-call/rotation",
    summary: "The on-call rotation in shift order and the moment it counts shifts from",
    role: "viewer",
    responses: { 200: "`{ rotation, rotationStartsAt, version }`" },
  },
  {
    method: "PUT",
    path: "/api/v1/on-call/rotation",
    summary: "Replace the rotation (user ids in shift order) and optionally its start; send the schedule `version` you read",
    role: "lead",
    requestBody: updateOnCallRotationSchema,
    responses: { 200: "The rotation", 409: "Stale version" },
  },
  {
    method: "GET",
    path: "/api/v1/escalation-policies",
    summary: "Escalation policies, the default first (the built-in one, `id: null`, while none is stored), each with its levels (delay minutes, targets: on_call, escalation_contacts, leads, user), repeat and the services following it",
    role: "viewer",
    responses: { 200: "`{ policies }`" },
  },
  {
    method: "POST",
    path: "/api/v1/escalation-policies",
    summary: "Create an escalation policy; `isDefault: true` makes it the default (every other one stops being it). A person target must exist and not be disabled",
    role: "lead",
    requestBody: escalationPolicyInputSchema,
    responses: { 201: "`{ policy }`", 409: "The name is taken", 422: "A field is not valid, e.g. `levels.1.targets.0.userId`" },
  },
  { method: "GET", path: "/api/v1/escalation-policies/{id}", summary: "One escalation policy", role: "viewer", responses: { 200: "`{ policy }`", 404: "No such policy" } },
  {
    method: "PUT",
    path: "/api/v1/escalation-policies/{id}",
    summary: "Replace a policy's name, levels and repeat; send the `version` you read. `isDefault: true` makes it the default; `false` on the default is refused",
    role: "lead",
    requestBody: escalationPolicyInputSchema.extend({ isDefault: z.boolean().optional(), version: z.number().int().min(1) }),
    responses: { 200: "`{ policy }`", 404: "No such policy", 409: "Stale version (with the current policy) or the name is taken", 422: "A field is not valid" },
  },
  {
    method: "DELETE",
    path: "/api/v1/escalation-policies/{id}",
    summary: "Delete a policy that is not the default; services that named it follow the default again",
    role: "lead",
    responses: { 200: "`{ deleted: true }`", 404: "No such policy", 409: "It is the default policy" },
  },
  {
    method: "GET",
    path: "/api/v1/escalation-contacts",
    summary: "The escalation contacts a handoff picks from (name, phone or Slack), in order",
    role: "viewer",
    responses: { 200: "`{ contacts }`" },
  },
  {
    method: "POST",
    path: "/api/v1/escalation-contacts",
    summary: "Add an escalation contact",
    role: "admin",
    requestBody: escalationContactSchema,
    responses: { 201: "`{ contact }`" },
  },
  {
    method: "PATCH",
    path: "/api/v1/escalation-contacts/{id}",
    summary: "Change an escalation contact",
    role: "admin",
    requestBody: escalationContactSchema.partial(),
    responses: { 200: "`{ contact }`", 404: "No such contact" },
  },
  {
    method: "DELETE",
    path: "/api/v1/escalation-contacts/{id}",
    summary: "Remove an escalation contact (handoffs already made keep the names they had)",
    role: "admin",
    responses: { 200: "`{ deleted: true }`", 404: "No such contact" },
  },
  {
    method: "GET",
    path: "/api/v1/pages",
    summary: "Pages, newest first, with who was notified how and when; `?state=open|all|triggered|acknowledged|resolved`, `?before=<number>`, `?limit=`",
    role: "viewer",
    responses: { 200: "`{ pages, nextBefore }`" },
  },
  {
    method: "GET",
    path: "/api/v1/pages/{id}",
    summary: "One page by id or number: state, escalation level, acknowledger, time to acknowledge, every notification (redacted target, status, error)",
    role: "viewer",
    responses: { 200: "`{ page }`", 404: "No such page" },
  },
  {
    method: "POST",
    path: "/api/v1/pages/{id}/ack",
    summary: "Acknowledge a triggered page: escalation stops. Again by the same person changes nothing; the body (`{ version }`) is optional",
    role: "responder",
    requestBody: ackPageSchema,
    responses: { 200: "`{ page, changed }`", 404: "No such page", 409: "Already resolved, acknowledged by someone else, or a stale version" },
  },
  {
    method: "POST",
    path: "/api/v1/pages/{id}/incident",
    summary: "Declare an incident from a page (its service, title and notification story on the timeline) and link it; again answers the linked incident. The body (`{ severity }`, default sev2) is optional",
    role: "responder",
    requestBody: declareFromPageSchema,
    responses: { 201: "`{ incident, page }`", 200: "`{ incident, page }`: declared before", 404: "No such page" },
  },
];

/** Dates are sent as ISO 8601 strings; zod's date type has no JSON Schema of its own. */
function requestBodySchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: (context) => {
      if (context.zodSchema._zod.def.type === "date") Object.assign(context.jsonSchema, { type: "string", format: "date-time" });
    },
  });
}

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
      },
    },
  },
};

const commonErrors = {
  401: "Not signed in, or the API token is not valid",
  403: "The caller's role is too low",
  413: "Body too large",
  415: "Body is not JSON",
  422: "Validation failed; `fields` says which",
  503: "Database unreachable",
};

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of apiOperations) {
    const parameters: Record<string, unknown>[] = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (operation.idempotencyKey) {
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: "Wins over `idempotencyKey` in the body",
        schema: { type: "string", minLength: 8, maxLength: 200 },
      });
    }
    const errors = operation.requestBody ? commonErrors : { 401: commonErrors[401], 403: commonErrors[403], 503: commonErrors[503] };
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = {
      summary: operation.summary,
      description: `Needs the ${operation.role} role or higher.`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(operation.requestBody
        ? { requestBody: { required: true, content: { "application/json": { schema: requestBodySchema(operation.requestBody) } } } }
        : {}),
      responses: {
        ...Object.fromEntries(Object.entries(operation.responses).map(([status, description]) => [status, { description }])),
        ...Object.fromEntries(
          Object.entries(errors).map(([status, description]) => [
            status,
            { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          ]),
        ),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Vigil API", version: appVersion },
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
