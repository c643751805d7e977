import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as setBoardMode } from "@/app/api/v1/board/mode/route";
import { PATCH as patchDeploy } from "@/app/api/v1/deploys/[id]/route";
import { GET as listDeploys, POST as recordDeploy } from "@/app/api/v1/deploys/route";
import { POST as createContact } from "@/app/api/v1/escalation-contacts/route";
import { GET as listHandoffs, POST as createHandoff } from "@/app/api/v1/handoffs/route";
import { PUT as savePostmortem } from "@/app/api/v1/incidents/[id]/postmortem/route";
import { PATCH as patchIncident } from "@/app/api/v1/incidents/[id]/route";
import {
  GET as listTimeline,
  POST as appendTimeline,
} from "@/app/api/v1/incidents/[id]/timeline/route";
import { POST as postUpdate } from "@/app/api/v1/incidents/[id]/updates/route";
import { GET as listIncidents, POST as declareIncident } from "@/app/api/v1/incidents/route";
import { POST as addActionItem } from "@/app/api/v1/postmortems/[id]/action-items/route";
import { GET as listChecks } from "@/app/api/v1/services/[id]/checks/route";
import { PATCH as patchService } from "@/app/api/v1/services/[id]/route";
import { POST as createServiceRoute } from "@/app/api/v1/services/route";
import { POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import type { Role } from "@/lib/auth/roles";
import { createService } from "@/lib/services/mutations";
import { declareIncident as declare } from "@/lib/incidents/mutations";
import {
  oversizedServerActionResponse,
  serverActionBodyLimitBytes,
} from "@/lib/server-action-limit";
import { makeUser } from "@/test/fixtures";
import { createApiToken } from "@/lib/tokens/data";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;
type ErrorAnswer = { error: { code: string; message: string; fields?: Record<string, string[]> } };

const bearers = new Map<Role, string>();

async function bearer(role: Role): Promise<string> {
  const known = bearers.get(role);
  if (known) return known;
  const owner = await makeUser(role);
  const { secret } = await createApiToken(
    { id: null, label: "vitest" },
    { ownerEmail: owner.email, name: `${role} input-safety token` },
  );
  bearers.set(role, `Bearer ${secret}`);
  return `Bearer ${secret}`;
}

async function call(
  handler: unknown,
  method: string,
  path: string,
  role: Role,
  params: Record<string, string> = {},
  body?: unknown,
) {
  const headers = new Headers({ authorization: await bearer(role) });
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://vigil.test${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await (handler as Handler)(request, { params: Promise.resolve(params) });
  return { status: response.status, json: (await response.json()) as ErrorAnswer };
}

let incidentId = "";
let serviceId = "";

beforeAll(async () => {
  const lead = await makeUser("lead");
  serviceId = (
    await createService(
      { id: null, label: "vitest" },
      {
        name: `input-safety-${randomUUID().slice(0, 6)}`,
        baseUrl: "https://safety.example.test",
        profile: "http",
      },
    )
  ).id;
  incidentId = (
    await declare(lead, { title: "Input safety", severity: "sev3", summary: "for the NUL tests" })
  ).incident.id;
});

const nul = "before\u0000after";

describe("typed text Postgres cannot store is a 422 with the field named, never a 500", () => {
  // Each of these answered 500 (Postgres 22021) with a NUL in a typed text field.
  const cases: Array<{
    name: string;
    handler: unknown;
    method: string;
    path: () => string;
    role: Role;
    params?: () => Record<string, string>;
    body: () => unknown;
    field: string;
  }> = [
    {
      name: "declare an incident (title)",
      handler: declareIncident,
      method: "POST",
      path: () => "/api/v1/incidents",
      role: "responder",
      body: () => ({ title: nul, severity: "sev2" }),
      field: "title",
    },
    {
      name: "edit an incident (summary)",
      handler: patchIncident,
      method: "PATCH",
      path: () => `/api/v1/incidents/${incidentId}`,
      role: "responder",
      params: () => ({ id: incidentId }),
      body: () => ({ summary: nul }),
      field: "summary",
    },
    {
      name: "timeline note (body)",
      handler: appendTimeline,
      method: "POST",
      path: () => `/api/v1/incidents/${incidentId}/timeline`,
      role: "responder",
      params: () => ({ id: incidentId }),
      body: () => ({ kind: "note", body: nul }),
      field: "body",
    },
    {
      name: "status update (message)",
      handler: postUpdate,
      method: "POST",
      path: () => `/api/v1/incidents/${incidentId}/updates`,
      role: "responder",
      params: () => ({ id: incidentId }),
      body: () => ({ message: nul }),
      field: "message",
    },
    {
      name: "postmortem section",
      handler: savePostmortem,
      method: "PUT",
      path: () => `/api/v1/incidents/${incidentId}/postmortem`,
      role: "responder",
      params: () => ({ id: incidentId }),
      body: () => ({ sections: { summary: nul } }),
      field: "sections.summary",
    },
    {
      name: "postmortem action item",
      handler: addActionItem,
      method: "POST",
      path: () => `/api/v1/postmortems/${randomUUID()}/action-items`,
      role: "responder",
      params: () => ({ id: randomUUID() }),
      body: () => ({ title: nul }),
      field: "title",
    },
    {
      name: "handoff (notes)",
      handler: createHandoff,
      method: "POST",
      path: () => "/api/v1/handoffs",
      role: "responder",
      body: () => ({ notes: nul }),
      field: "notes",
    },
    {
      name: "record a deploy (version)",
      handler: recordDeploy,
      method: "POST",
      path: () => "/api/v1/deploys",
      role: "responder",
      body: () => ({ service: serviceId, version: nul }),
      field: "version",
    },
    {
      name: "edit a deploy (notes)",
      handler: patchDeploy,
      method: "PATCH",
      path: () => `/api/v1/deploys/${randomUUID()}`,
      role: "responder",
      params: () => ({ id: randomUUID() }),
      body: () => ({ notes: nul }),
      field: "notes",
    },
    {
      name: "add a service (name)",
      handler: createServiceRoute,
      method: "POST",
      path: () => "/api/v1/services",
      role: "lead",
      body: () => ({ name: nul, baseUrl: "https://x.example.test", profile: "http" }),
      field: "name",
    },
    {
      name: "edit a service (links)",
      handler: patchService,
      method: "PATCH",
      path: () => `/api/v1/services/${serviceId}`,
      role: "lead",
      params: () => ({ id: serviceId }),
      body: () => ({ version: 1, links: { runbook: nul } }),
      field: "links.runbook",
    },
    {
      name: "board mode (objective)",
      handler: setBoardMode,
      method: "POST",
      path: () => "/api/v1/board/mode",
      role: "lead",
      body: () => ({ mode: "build", objective: nul }),
      field: "objective",
    },
    {
      name: "escalation contact (name)",
      handler: createContact,
      method: "POST",
      path: () => "/api/v1/escalation-contacts",
      role: "admin",
      body: () => ({ name: nul, channel: "phone", value: "+1 555 0100" }),
      field: "name",
    },
    {
      name: "API token (name)",
      handler: createTokenRoute,
      method: "POST",
      path: () => "/api/v1/tokens",
      role: "admin",
      body: () => ({ name: nul }),
      field: "name",
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: 422 naming ${testCase.field}`, async () => {
      const { status, json } = await call(
        testCase.handler,
        testCase.method,
        testCase.path(),
        testCase.role,
        testCase.params?.() ?? {},
        testCase.body(),
      );
      expect(status).toBe(422);
      expect(json.error.code).toBe("validation_failed");
      expect(json.error.fields?.[testCase.field]?.join(" ")).toMatch(/NUL character/);
    });
  }

  it("refuses an unpaired surrogate (\\ud800) the same way", async () => {
    const { status, json } = await call(
      declareIncident,
      "POST",
      "/api/v1/incidents",
      "responder",
      {},
      { title: "broken \uD800 text", severity: "sev2" },
    );
    expect(status).toBe(422);
    expect(json.error.fields?.title?.join(" ")).toMatch(/unpaired UTF-16 surrogate/);
  });

  it("refuses a NUL in a query parameter", async () => {
    const { status, json } = await call(
      listDeploys,
      "GET",
      "/api/v1/deploys?service=a%00b",
      "viewer",
    );
    expect(status).toBe(422);
    expect(json.error.fields?.service?.join(" ")).toMatch(/NUL character/);
  });
});

describe("a cursor past Postgres' range is a 422 on every keyset-paginated list", () => {
  const huge = "99999999999999999999999";
  const lists: Array<{
    name: string;
    handler: unknown;
    path: () => string;
    params?: () => Record<string, string>;
  }> = [
    {
      name: "incident timeline",
      handler: listTimeline,
      path: () => `/api/v1/incidents/${incidentId}/timeline?before=${huge}`,
      params: () => ({ id: incidentId }),
    },
    {
      name: "service checks",
      handler: listChecks,
      path: () => `/api/v1/services/${serviceId}/checks?before=${huge}`,
      params: () => ({ id: serviceId }),
    },
    { name: "handoffs", handler: listHandoffs, path: () => `/api/v1/handoffs?before=${huge}` },
    { name: "deploys", handler: listDeploys, path: () => `/api/v1/deploys?before=${huge}` },
  ];
  for (const list of lists) {
    it(`${list.name}: ?before=${huge} → 422 naming before`, async () => {
      const { status, json } = await call(
        list.handler,
        "GET",
        list.path(),
        "viewer",
        list.params?.() ?? {},
      );
      expect(status).toBe(422);
      expect(json.error.fields?.before?.join(" ")).toMatch(/out of range/);
    });
  }

  it("still pages with an ordinary cursor", async () => {
    const { status } = await call(
      listTimeline,
      "GET",
      `/api/v1/incidents/${incidentId}/timeline?before=1`,
      "viewer",
      { id: incidentId },
    );
    expect(status).toBe(200);
    expect((await call(listIncidents, "GET", "/api/v1/incidents", "viewer")).status).toBe(200);
  });
});

describe("an oversized server action body", () => {
  it("is answered 413 with the product's error shape before Next.js reads it (its own answer is a 500)", async () => {
    const headers = new Headers({
      "next-action": "abc123",
      "content-length": String(serverActionBodyLimitBytes + 1),
      "content-type": "multipart/form-data; boundary=x",
    });
    const response = oversizedServerActionResponse({ method: "POST", headers });
    expect(response?.status).toBe(413);
    const json = (await response?.json()) as ErrorAnswer;
    expect(json.error).toMatchObject({
      code: "payload_too_large",
      message: expect.stringMatching(/too large to send .* the limit is 1024 KiB/),
    });
    expect(
      oversizedServerActionResponse({
        method: "POST",
        headers: new Headers({ "next-action": "abc", "content-length": "1000" }),
      }),
    ).toBeNull();
    expect(
      oversizedServerActionResponse({
        method: "POST",
        headers: new Headers({ "content-length": String(serverActionBodyLimitBytes * 2) }),
      }),
    ).toBeNull();
  });
});
