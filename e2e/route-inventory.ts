import type { Role } from "@/lib/auth/roles";

export type RouteEntry =
  | { kind: "page"; route: string; minRole: Role | "public"; samplePath?: string }
  | { kind: "api"; method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; route: string; minRole: Role | "public"; samplePath?: string; body?: unknown };

/**
 * Every page and route handler in app/, with the lowest role that may use it. A test checks this list
 * against the source tree, so a new route cannot ship without saying who may call it; the e2e suite
 * then calls each one anonymously and as every role.
 */
const missingId = "00000000-0000-4000-8000-000000000000";

export const routeInventory: RouteEntry[] = [
  { kind: "page", route: "/signin", minRole: "public" },
  { kind: "page", route: "/", minRole: "viewer" },
  { kind: "page", route: "/services", minRole: "viewer" },
  { kind: "page", route: "/services/[id]", minRole: "viewer", samplePath: "/services/00000000-0000-4000-8000-000000000000" },
  { kind: "page", route: "/incidents", minRole: "viewer" },
  { kind: "page", route: "/incidents/new", minRole: "responder" },
  { kind: "page", route: "/incidents/[id]", minRole: "viewer", samplePath: `/incidents/${missingId}` },
  { kind: "page", route: "/incidents/report", minRole: "viewer" },
  { kind: "page", route: "/postmortems", minRole: "viewer" },
  { kind: "page", route: "/postmortems/action-items", minRole: "viewer" },
  { kind: "page", route: "/postmortems/[id]", minRole: "viewer", samplePath: `/postmortems/${missingId}` },
  { kind: "page", route: "/postmortems/[id]/print", minRole: "viewer", samplePath: `/postmortems/${missingId}/print` },
  { kind: "page", route: "/handoffs", minRole: "viewer" },
  { kind: "page", route: "/board", minRole: "viewer" },
  { kind: "page", route: "/settings", minRole: "viewer" },
  { kind: "page", route: "/settings/account", minRole: "viewer" },
  { kind: "page", route: "/settings/users", minRole: "admin" },
  { kind: "page", route: "/settings/tokens", minRole: "admin" },
  { kind: "page", route: "/settings/audit", minRole: "admin" },
  { kind: "page", route: "/settings/team", minRole: "admin" },
  { kind: "page", route: "/settings/services", minRole: "lead" },
  { kind: "page", route: "/settings/services/new", minRole: "lead" },
  { kind: "page", route: "/settings/services/[id]", minRole: "lead", samplePath: "/settings/services/00000000-0000-4000-8000-000000000000" },
  { kind: "page", route: "/settings/outbound", minRole: "admin" },
  { kind: "page", route: "/settings/holomesh", minRole: "admin" },
  { kind: "page", route: "/settings/webhooks", minRole: "admin" },
  { kind: "page", route: "/settings/webhooks/[id]", minRole: "admin", samplePath: "/settings/webhooks/00000000-0000-4000-8000-000000000000" },
  { kind: "api", method: "GET", route: "/api/health", minRole: "public" },
  { kind: "api", method: "GET", route: "/api/auth/[...nextauth]", minRole: "public", samplePath: "/api/auth/csrf" },
  { kind: "api", method: "POST", route: "/api/auth/[...nextauth]", minRole: "public", samplePath: "/api/auth/signout" },
  { kind: "api", method: "GET", route: "/api/v1/me", minRole: "viewer" },
  { kind: "api", method: "GET", route: "/api/v1/openapi.json", minRole: "viewer" },
  { kind: "api", method: "GET", route: "/api/v1/tokens", minRole: "admin" },
  { kind: "api", method: "POST", route: "/api/v1/tokens", minRole: "admin", body: { name: "route inventory" } },
  { kind: "api", method: "DELETE", route: "/api/v1/tokens/[id]", minRole: "admin", samplePath: "/api/v1/tokens/00000000-0000-4000-8000-000000000000" },
  { kind: "api", method: "GET", route: "/api/v1/status", minRole: "viewer" },
  { kind: "api", method: "GET", route: "/api/v1/stream", minRole: "viewer", samplePath: "/api/v1/stream?once=1" },
  { kind: "api", method: "GET", route: "/api/v1/services", minRole: "viewer" },
  { kind: "api", method: "POST", route: "/api/v1/services", minRole: "lead", body: {} },
  { kind: "api", method: "GET", route: "/api/v1/services/[id]", minRole: "viewer", samplePath: `/api/v1/services/${missingId}` },
  { kind: "api", method: "PATCH", route: "/api/v1/services/[id]", minRole: "lead", samplePath: `/api/v1/services/${missingId}`, body: { version: 1 } },
  { kind: "api", method: "DELETE", route: "/api/v1/services/[id]", minRole: "lead", samplePath: `/api/v1/services/${missingId}` },
  { kind: "api", method: "GET", route: "/api/v1/services/[id]/checks", minRole: "viewer", samplePath: `/api/v1/services/${missingId}/checks` },
  { kind: "api", method: "GET", route: "/api/v1/services/[id]/latency", minRole: "viewer", samplePath: `/api/v1/services/${missingId}/latency` },
  { kind: "api", method: "POST", route: "/api/v1/services/[id]/check", minRole: "responder", samplePath: `/api/v1/services/${missingId}/check` },
  { kind: "api", method: "GET", route: "/api/v1/incidents", minRole: "viewer" },
  // Bodies that fail validation or name a missing incident: an allowed role gets 422/404, never a new record.
  { kind: "api", method: "POST", route: "/api/v1/incidents", minRole: "responder", body: {} },
  { kind: "api", method: "GET", route: "/api/v1/incidents/report", minRole: "viewer" },
  { kind: "api", method: "GET", route: "/api/v1/incidents/[id]", minRole: "viewer", samplePath: `/api/v1/incidents/${missingId}` },
  { kind: "api", method: "PATCH", route: "/api/v1/incidents/[id]", minRole: "responder", samplePath: `/api/v1/incidents/${missingId}`, body: { version: 1, title: "route inventory" } },
  { kind: "api", method: "GET", route: "/api/v1/incidents/[id]/timeline", minRole: "viewer", samplePath: `/api/v1/incidents/${missingId}/timeline` },
  { kind: "api", method: "POST", route: "/api/v1/incidents/[id]/timeline", minRole: "responder", samplePath: `/api/v1/incidents/${missingId}/timeline`, body: { body: "route inventory" } },
  { kind: "api", method: "POST", route: "/api/v1/incidents/[id]/updates", minRole: "responder", samplePath: `/api/v1/incidents/${missingId}/updates`, body: { message: "route inventory" } },
  { kind: "api", method: "GET", route: "/api/v1/incidents/[id]/postmortem", minRole: "viewer", samplePath: `/api/v1/incidents/${missingId}/postmortem` },
  { kind: "api", method: "PUT", route: "/api/v1/incidents/[id]/postmortem", minRole: "responder", samplePath: `/api/v1/incidents/${missingId}/postmortem`, body: { version: 1, content: { summary: "route inventory" } } },
  { kind: "api", method: "GET", route: "/api/v1/postmortems", minRole: "viewer" },
  { kind: "api", method: "GET", route: "/api/v1/postmortems/action-items", minRole: "viewer" },
  { kind: "api", method: "GET", route: "/api/v1/postmortems/[id]", minRole: "viewer", samplePath: `/api/v1/postmortems/${missingId}` },
  { kind: "api", method: "GET", route: "/api/v1/postmortems/[id]/markdown", minRole: "viewer", samplePath: `/api/v1/postmortems/${missingId}/markdown` },
  { kind: "api", method: "POST", route: "/api/v1/postmortems/[id]/action-items", minRole: "responder", samplePath: `/api/v1/postmortems/${missingId}/action-items`, body: { title: "route inventory" } },
  { kind: "api", method: "PATCH", route: "/api/v1/postmortems/[id]/action-items/[itemId]", minRole: "responder", samplePath: `/api/v1/postmortems/${missingId}/action-items/${missingId}`, body: { version: 1, title: "route inventory" } },
  { kind: "api", method: "POST", route: "/api/v1/postmortems/[id]/reviewers", minRole: "responder", samplePath: `/api/v1/postmortems/${missingId}/reviewers`, body: { version: 1, reviewerIds: [missingId] } },
  { kind: "api", method: "POST", route: "/api/v1/postmortems/[id]/review", minRole: "responder", samplePath: `/api/v1/postmortems/${missingId}/review`, body: { version: 1, decision: "approve" } },
  { kind: "api", method: "POST", route: "/api/v1/postmortems/[id]/publish", minRole: "responder", samplePath: `/api/v1/postmortems/${missingId}/publish`, body: { version: 1 } },
  { kind: "api", method: "GET", route: "/api/v1/team/calendar", minRole: "viewer" },
  // An empty body fails validation, so an admin's call gets 422 and the team's calendar stays as it is.
  { kind: "api", method: "PUT", route: "/api/v1/team/calendar", minRole: "admin", body: {} },
  { kind: "api", method: "GET", route: "/api/v1/board", minRole: "viewer" },
  { kind: "api", method: "POST", route: "/api/v1/board/mode", minRole: "lead", body: {} },
];
