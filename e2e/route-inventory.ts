import { routeFolderOf, type HttpMethod } from "@/lib/api/operation";
import { apiOperations } from "@/lib/api/operations/all";
import type { Role } from "@/lib/auth/roles";

export type RouteEntry =
  | { kind: "page"; route: string; minRole: Role | "public"; samplePath?: string }
  | {
      kind: "api";
      method: HttpMethod;
      route: string;
      minRole: Role | "public";
      samplePath?: string;
      body?: unknown;
    };

const missingId = "00000000-0000-4000-8000-000000000000";

const pages: RouteEntry[] = [
  { kind: "page", route: "/signin", minRole: "public" },
  { kind: "page", route: "/", minRole: "viewer" },
  { kind: "page", route: "/services", minRole: "viewer" },
  {
    kind: "page",
    route: "/services/[id]",
    minRole: "viewer",
    samplePath: "/services/00000000-0000-4000-8000-000000000000",
  },
  { kind: "page", route: "/incidents", minRole: "viewer" },
  { kind: "page", route: "/incidents/new", minRole: "responder" },
  {
    kind: "page",
    route: "/incidents/[id]",
    minRole: "viewer",
    samplePath: `/incidents/${missingId}`,
  },
  { kind: "page", route: "/incidents/report", minRole: "viewer" },
  { kind: "page", route: "/postmortems", minRole: "viewer" },
  { kind: "page", route: "/postmortems/action-items", minRole: "viewer" },
  {
    kind: "page",
    route: "/postmortems/[id]",
    minRole: "viewer",
    samplePath: `/postmortems/${missingId}`,
  },
  {
    kind: "page",
    route: "/postmortems/[id]/print",
    minRole: "viewer",
    samplePath: `/postmortems/${missingId}/print`,
  },
  { kind: "page", route: "/handoffs", minRole: "viewer" },
  {
    kind: "page",
    route: "/handoffs/[id]",
    minRole: "viewer",
    samplePath: `/handoffs/${missingId}`,
  },
  { kind: "page", route: "/deploys", minRole: "viewer" },
  { kind: "page", route: "/maintenance", minRole: "viewer" },
  { kind: "page", route: "/board", minRole: "viewer" },
  { kind: "page", route: "/settings", minRole: "viewer" },
  { kind: "page", route: "/settings/account", minRole: "viewer" },
  { kind: "page", route: "/pages", minRole: "viewer" },
  { kind: "page", route: "/pages/[id]", minRole: "viewer", samplePath: `/pages/${missingId}` },
  { kind: "page", route: "/settings/users", minRole: "admin" },
  { kind: "page", route: "/settings/tokens", minRole: "admin" },
  { kind: "page", route: "/settings/audit", minRole: "admin" },
  { kind: "page", route: "/settings/team", minRole: "admin" },
  { kind: "page", route: "/settings/services", minRole: "lead" },
  { kind: "page", route: "/settings/services/new", minRole: "lead" },
  {
    kind: "page",
    route: "/settings/services/[id]",
    minRole: "lead",
    samplePath: "/settings/services/00000000-0000-4000-8000-000000000000",
  },
  { kind: "page", route: "/settings/outbound", minRole: "admin" },
  { kind: "page", route: "/settings/holomesh", minRole: "admin" },
  { kind: "page", route: "/settings/webhooks", minRole: "admin" },
  { kind: "page", route: "/settings/on-call", minRole: "lead" },
  {
    kind: "page",
    route: "/settings/webhooks/[id]",
    minRole: "admin",
    samplePath: "/settings/webhooks/00000000-0000-4000-8000-000000000000",
  },
  {
    kind: "page",
    route: "/settings/users/[id]/contact-methods",
    minRole: "admin",
    samplePath: `/settings/users/${missingId}/contact-methods`,
  },
];

/** The route handlers outside /api/v1, which are not API operations. */
const publicHandlers: RouteEntry[] = [
  { kind: "api", method: "GET", route: "/api/health", minRole: "public" },
  {
    kind: "api",
    method: "GET",
    route: "/api/auth/[...nextauth]",
    minRole: "public",
    samplePath: "/api/auth/csrf",
  },
  {
    kind: "api",
    method: "POST",
    route: "/api/auth/[...nextauth]",
    minRole: "public",
    samplePath: "/api/auth/signout",
  },
];

/**
 * What the browser tests send to each write. Bodies that fail validation or name a missing record: an allowed role
 * gets 422 or 404, never a new record.
 */
const sampleBodies: Record<string, unknown> = {
  "POST /api/v1/me/contact-methods": {},
  "PATCH /api/v1/me/contact-methods/{id}": { version: 1 },
  "POST /api/v1/users/{id}/contact-methods": {},
  "POST /api/v1/tokens": { name: "route inventory" },
  "POST /api/v1/services": {},
  "PATCH /api/v1/services/{id}": { version: 1 },
  // No reason: 422 before the missing service is even looked up, never a baseline.
  "POST /api/v1/services/{id}/baselines": { figure: "tools" },
  "POST /api/v1/incidents": {},
  "PATCH /api/v1/incidents/{id}": { version: 1, title: "route inventory" },
  "POST /api/v1/incidents/{id}/timeline": { body: "route inventory" },
  "POST /api/v1/incidents/{id}/updates": { message: "route inventory" },
  "PUT /api/v1/incidents/{id}/postmortem": { version: 1, content: { summary: "route inventory" } },
  "POST /api/v1/postmortems/{id}/action-items": { title: "route inventory" },
  "PATCH /api/v1/postmortems/{id}/action-items/{itemId}": { version: 1, title: "route inventory" },
  "POST /api/v1/postmortems/{id}/reviewers": { version: 1, reviewerIds: [missingId] },
  "POST /api/v1/postmortems/{id}/review": { version: 1, decision: "approve" },
  "POST /api/v1/postmortems/{id}/publish": { version: 1 },
  // An empty body fails validation, so an admin's call gets 422 and the team's calendar stays as it is.
  "PUT /api/v1/team/calendar": {},
  "POST /api/v1/board/mode": {},
  // No service and no version: 422, never a deploy. A move of a missing deploy: 404.
  "POST /api/v1/deploys": {},
  "PATCH /api/v1/deploys/{id}": { status: "failed" },
  "POST /api/v1/maintenance": {},
  "POST /api/v1/maintenance/{id}/end": {},
  "POST /api/v1/handoffs": {},
  "PUT /api/v1/handoffs/schedule": {},
  "POST /api/v1/pages/{id}/ack": {},
  "POST /api/v1/pages/{id}/incident": {},
  "PUT /api/v1/on-call/rotation": {},
  "POST /api/v1/escalation-policies": {},
  "PUT /api/v1/escalation-policies/{id}": {},
  "POST /api/v1/escalation-contacts": {},
  "PATCH /api/v1/escalation-contacts/{id}": { name: "route inventory" },
};

/** Paths the browser tests call instead of the route itself. */
const samplePaths: Record<string, string> = {
  "GET /api/v1/stream": "/api/v1/stream?once=1",
};

const apiEntries: RouteEntry[] = apiOperations.map((operation) => {
  const key = `${operation.method} ${operation.path}`;
  const samplePath =
    samplePaths[key] ??
    (operation.path.includes("{") ? operation.path.replace(/\{\w+\}/g, missingId) : undefined);
  return {
    kind: "api",
    method: operation.method,
    route: routeFolderOf(operation.path),
    minRole: operation.role,
    ...(samplePath ? { samplePath } : {}),
    ...(key in sampleBodies ? { body: sampleBodies[key] } : {}),
  };
});

/**
 * Every page and route handler in app/, with the lowest role that may use it (for the API, the role its operation
 * declares). A test checks this list against the source tree, so a new route cannot ship without saying who may
 * call it; the e2e suite then calls each one anonymously and as every role.
 */
export const routeInventory: RouteEntry[] = [...pages, ...publicHandlers, ...apiEntries];
