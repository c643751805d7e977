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

/** A dynamic route (`[id]` in a page folder, `{id}` in an API path) with each parameter naming a missing record. */
function samplePathOf(route: string): string | undefined {
  const sample = route.replace(/\[\w+\]|\{\w+\}/g, missingId);
  return sample === route ? undefined : sample;
}

/** Each page and the lowest role that may open it. */
const pageRoles: [route: string, minRole: Role | "public"][] = [
  ["/signin", "public"],
  ["/", "viewer"],
  ["/services", "viewer"],
  ["/services/[id]", "viewer"],
  ["/incidents", "viewer"],
  ["/incidents/new", "responder"],
  ["/incidents/[id]", "viewer"],
  ["/incidents/report", "viewer"],
  ["/postmortems", "viewer"],
  ["/postmortems/action-items", "viewer"],
  ["/postmortems/[id]", "viewer"],
  ["/postmortems/[id]/print", "viewer"],
  ["/handoffs", "viewer"],
  ["/handoffs/[id]", "viewer"],
  ["/deploys", "viewer"],
  ["/maintenance", "viewer"],
  ["/board", "viewer"],
  ["/settings", "viewer"],
  ["/settings/account", "viewer"],
  ["/pages", "viewer"],
  ["/pages/[id]", "viewer"],
  ["/settings/users", "admin"],
  ["/settings/tokens", "admin"],
  ["/settings/audit", "admin"],
  ["/settings/team", "admin"],
  ["/settings/services", "lead"],
  ["/settings/services/new", "lead"],
  ["/settings/services/[id]", "lead"],
  ["/settings/outbound", "admin"],
  ["/settings/holomesh", "admin"],
  ["/settings/webhooks", "admin"],
  ["/settings/on-call", "lead"],
  ["/settings/webhooks/[id]", "admin"],
  ["/settings/users/[id]/contact-methods", "admin"],
];

const pages: RouteEntry[] = pageRoles.map(([route, minRole]) => {
  const samplePath = samplePathOf(route);
  return { kind: "page", route, minRole, ...(samplePath ? { samplePath } : {}) };
});

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
  const samplePath = samplePaths[key] ?? samplePathOf(operation.path);
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
