import { operation } from "@/lib/api/operation";
import { z } from "zod";
import {
  acceptBaselineSchema,
  alertListQuerySchema,
  checksQuerySchema,
  statusFilterSchema,
} from "@/lib/health/schema";
import { serviceInputSchema, serviceVersionSchema } from "@/lib/services/schema";
import { latencyRanges } from "@/lib/health/labels";

export const healthOperations = {
  getStatus: operation({
    method: "GET",
    path: "/api/v1/status",
    summary:
      "Every service's tile in one call (derived status, reason, alert state, latency vs SLO, uptime, the deploy in flight); ?environment=&tag=",
    role: "viewer",
    query: statusFilterSchema,
    responses: { 200: "Status summary" },
  }),
  listAlerts: operation({
    method: "GET",
    path: "/api/v1/alerts",
    summary:
      "Alerts with their level (page or warning), rule, reason and evidence; ?state=open|ended|all (default open)&serviceId=&limit=",
    role: "viewer",
    query: alertListQuerySchema,
    responses: { 200: "Alerts, pages first", 422: "A bad filter" },
  }),
  listServices: operation({
    method: "GET",
    path: "/api/v1/services",
    summary: "List monitored services and their configuration",
    role: "viewer",
    responses: { 200: "Services" },
  }),
  createService: operation({
    method: "POST",
    path: "/api/v1/services",
    summary: "Add a service to monitor",
    role: "lead",
    bodyParsedByService: true,
    body: serviceInputSchema,
    responses: { 201: "The service" },
  }),
  getService: operation({
    method: "GET",
    path: "/api/v1/services/{id}",
    summary:
      "A service: configuration, tile (with the deploy in flight, if any), state changes, 90-day uptime and its latest deploys",
    role: "viewer",
    responses: { 200: "Service detail", 404: "No such service" },
  }),
  updateService: operation({
    method: "PATCH",
    path: "/api/v1/services/{id}",
    summary: "Change a service; send the `version` you read (409 when someone changed it since)",
    role: "lead",
    body: serviceVersionSchema.loose(),
    bodyParsedByService: true,
    responses: { 200: "The service", 404: "No such service", 409: "Stale version" },
  }),
  deleteService: operation({
    method: "DELETE",
    path: "/api/v1/services/{id}",
    summary: "Stop monitoring a service and delete its history",
    role: "lead",
    responses: { 200: "Deleted", 404: "No such service" },
  }),
  listChecks: operation({
    method: "GET",
    path: "/api/v1/services/{id}/checks",
    summary: "Check history, newest first; ?limit=&before=",
    role: "viewer",
    query: checksQuerySchema,
    responses: { 200: "Checks and the next cursor" },
  }),
  getLatency: operation({
    method: "GET",
    path: "/api/v1/services/{id}/latency",
    summary: "p50/p95/p99 latency series; ?range=1h|24h|7d|30d",
    role: "viewer",
    query: z.object({ range: z.enum(latencyRanges).default("1h") }),
    responses: { 200: "Latency points and the SLO" },
  }),
  checkServiceNow: operation({
    method: "POST",
    path: "/api/v1/services/{id}/check",
    summary: "Check now",
    role: "responder",
    responses: { 200: "The check's result", 409: "A check is already running" },
  }),
  listBaselines: operation({
    method: "GET",
    path: "/api/v1/services/{id}/baselines",
    summary:
      "Key-figure baselines (tool count…): value, source, when set, who accepted it and why, the figure seen now and whether it has dropped below half",
    role: "viewer",
    responses: { 200: "`{ baselines }`", 404: "No such service" },
  }),
  acceptBaseline: operation({
    method: "POST",
    path: "/api/v1/services/{id}/baselines",
    summary:
      "Accept the figure seen now as the baseline (ends a drop), with the reason; recorded with who accepted it",
    role: "lead",
    body: acceptBaselineSchema,
    responses: {
      200: "`{ baseline }`",
      404: "No such service",
      422: "No reason, a figure not watched, or no current value for it",
    },
  }),
  streamChanges: operation({
    method: "GET",
    path: "/api/v1/stream",
    summary:
      "Server-sent events: `health` when results or states change, `incident` when an incident or its timeline changes",
    role: "viewer",
    responses: { 200: "text/event-stream" },
  }),
};
