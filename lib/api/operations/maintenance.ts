import { operation } from "@/lib/api/operation";
import {
  changeMaintenanceSchema,
  createMaintenanceSchema,
  maintenanceListQuerySchema,
} from "@/lib/maintenance/schema";

export const maintenanceOperations = {
  listMaintenanceWindows: operation({
    method: "GET",
    path: "/api/v1/maintenance",
    summary:
      "Maintenance windows: `{ active, upcoming, recent }` (recent: ended in the last `recentDays`, default 7); ?service=<id>&recentDays=",
    role: "viewer",
    query: maintenanceListQuerySchema,
    responses: {
      200: "`{ active, upcoming, recent }`",
      422: "A filter is not valid; `error.fields` says which",
    },
  }),
  createMaintenanceWindow: operation({
    method: "POST",
    path: "/api/v1/maintenance",
    summary:
      'Open a maintenance window: `services` (ids or exact names), `startsAt` (default now), `endsAt` or `durationMinutes` ("for 30 minutes"; at most 7 days), `reason`, `recurrence` (none or weekly). While it covers a service, checks run, nothing pages or warns, and (per the team setting) its results are left out of uptime and the error budget. Audited',
    role: "responder",
    body: createMaintenanceSchema,
    responses: {
      201: "`{ window }`",
      422: "A field is not valid (no service, end not after start, too long, already over); `error.fields` says which",
    },
  }),
  getMaintenanceWindow: operation({
    method: "GET",
    path: "/api/v1/maintenance/{id}",
    summary:
      "A maintenance window with its services, who made it, its state (active, upcoming, ended) and its current and next occurrence",
    role: "viewer",
    responses: { 200: "`{ window }`", 404: "No such window" },
  }),
  endMaintenanceWindow: operation({
    method: "POST",
    path: "/api/v1/maintenance/{id}/end",
    summary:
      "End a window now: cuts the occurrence in effect (a weekly window repeats next week) or calls off a one-off window not yet begun. Send `version` to make it conditional on what you saw. Audited",
    role: "responder",
    bodyOptional: true,
    body: changeMaintenanceSchema,
    responses: {
      200: "`{ window }`",
      404: "No such window",
      409: "Already ended, not in effect, or changed meanwhile (`error.details.current` is the window now)",
    },
  }),
};
