import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getIncidentRoute, PATCH as patchIncident } from "@/app/api/v1/incidents/[id]/route";
import {
  GET as getTimeline,
  POST as postTimeline,
} from "@/app/api/v1/incidents/[id]/timeline/route";
import { POST as postUpdate } from "@/app/api/v1/incidents/[id]/updates/route";
import { GET as getReport } from "@/app/api/v1/incidents/report/route";
import { GET as listIncidentsRoute, POST as declareRoute } from "@/app/api/v1/incidents/route";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createService } from "@/lib/services/mutations";
import type { IncidentView, TimelineEntryView } from "@/lib/incidents/types";
import { apiRequest, tokenFor } from "@/test/api";
import { makeUser } from "@/test/fixtures";
import { openApiBodySchema, openApiOperation } from "@/test/openapi";

const noParams = { params: Promise.resolve({}) } as never;
const paramsOf = (id: string) => ({ params: Promise.resolve({ id }) });

const bearerFor = (role: Role) => tokenFor(role);

const request = apiRequest;

let responder: string;
let viewer: string;

beforeAll(async () => {
  responder = (await bearerFor("responder")).authorization;
  viewer = (await bearerFor("viewer")).authorization;
});

async function declareThroughApi(body: Record<string, unknown>, idempotencyKey?: string) {
  const response = await declareRoute(
    request("POST", "/api/v1/incidents", { authorization: responder, body, idempotencyKey }),
    noParams,
  );
  return { status: response.status, body: await response.json() };
}

async function declared(body: Record<string, unknown> = {}): Promise<IncidentView> {
  const { status, body: json } = await declareThroughApi({
    title: `API incident ${randomUUID().slice(0, 6)}`,
    severity: "sev2",
    ...body,
  });
  expect(status).toBe(201);
  return json.incident as IncidentView;
}

describe("/api/v1/incidents", () => {
  it("refuses anonymous callers with 401 and viewers' writes with 403, in the one error shape", async () => {
    const incident = await declared();
    const anonymous = [
      await listIncidentsRoute(request("GET", "/api/v1/incidents"), noParams),
      await declareRoute(
        request("POST", "/api/v1/incidents", { body: { title: "x", severity: "sev1" } }),
        noParams,
      ),
      await getTimeline(
        request("GET", `/api/v1/incidents/${incident.id}/timeline`),
        paramsOf(incident.id),
      ),
    ];
    for (const response of anonymous) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "unauthenticated", message: expect.any(String) },
      });
    }
    const viewerWrites = [
      await declareRoute(
        request("POST", "/api/v1/incidents", {
          authorization: viewer,
          body: { title: "x", severity: "sev1" },
        }),
        noParams,
      ),
      await patchIncident(
        request("PATCH", `/api/v1/incidents/${incident.id}`, {
          authorization: viewer,
          body: { version: 1, title: "viewer edit" },
        }),
        paramsOf(incident.id),
      ),
      await postTimeline(
        request("POST", `/api/v1/incidents/${incident.id}/timeline`, {
          authorization: viewer,
          body: { body: "viewer note" },
        }),
        paramsOf(incident.id),
      ),
      await postUpdate(
        request("POST", `/api/v1/incidents/${incident.id}/updates`, {
          authorization: viewer,
          body: { message: "viewer update" },
        }),
        paramsOf(incident.id),
      ),
    ];
    for (const response of viewerWrites) {
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect(await db.timelineEntry.count({ where: { incidentId: incident.id } })).toBe(1);
    const viewerRead = await getIncidentRoute(
      request("GET", `/api/v1/incidents/${incident.id}`, { authorization: viewer }),
      paramsOf(incident.id),
    );
    expect(viewerRead.status).toBe(200);
    const read = (await viewerRead.json()) as {
      incident: unknown;
      tickedSteps: unknown;
      failingChecks: unknown;
      runbook: { mitigateFirst: boolean; steps: { key: string; done: boolean }[] };
    };
    expect(read).toMatchObject({ incident: { ...incident }, tickedSteps: [], failingChecks: [] });
    expect(read.runbook.mitigateFirst).toBe(true);
    expect(read.runbook.steps.map((step) => [step.key, step.done])).toEqual([
      ["declare", true],
      ["mitigate", false],
      ["communicate", false],
      ["resolve", false],
      ["postmortem", false],
    ]);
  });

  it("declares once per Idempotency-Key (201, then 200 with the same incident); the header wins over the body's key", async () => {
    const headerKey = `api-declare-${randomUUID()}`;
    const bodyKey = `api-body-${randomUUID()}`;
    const body = { title: "MCP tools dropped to 0", severity: "SEV1", idempotencyKey: bodyKey };
    const first = await declareThroughApi(body, headerKey);
    expect(first.status).toBe(201);
    expect(first.body.incident).toMatchObject({
      title: "MCP tools dropped to 0",
      severity: "sev1",
      status: "investigating",
      version: 1,
    });
    const retry = await declareThroughApi(body, headerKey);
    expect(retry.status).toBe(200);
    expect(retry.body.incident.id).toBe(first.body.incident.id);
    expect(await db.incident.count({ where: { idempotencyKey: headerKey } })).toBe(1);
    expect(await db.incident.count({ where: { idempotencyKey: bodyKey } })).toBe(0);

    const bodyOnly = await declareThroughApi({
      title: "body key",
      severity: "sev3",
      idempotencyKey: bodyKey,
    });
    const bodyOnlyAgain = await declareThroughApi({
      title: "body key",
      severity: "sev3",
      idempotencyKey: bodyKey,
    });
    expect([bodyOnly.status, bodyOnlyAgain.status]).toEqual([201, 200]);
    expect(bodyOnlyAgain.body.incident.id).toBe(bodyOnly.body.incident.id);

    const shortKey = await declareThroughApi({ title: "short key", severity: "sev3" }, "abc");
    expect(shortKey.status).toBe(422);
    expect(Object.keys(shortKey.body.error.fields)).toEqual(["idempotencyKey"]);
  });

  it("answers 409 when an Idempotency-Key comes back with another body, and 422 when another user sends it", async () => {
    const key = `api-declare-${randomUUID()}`;
    const body = { title: "Search answers 500", severity: "sev2", summary: "Search is down" };
    const first = await declareThroughApi(body, key);
    expect(first.status).toBe(201);

    const changed = await declareThroughApi({ ...body, summary: "Checkout is down" }, key);
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toMatch(/used for a different request/);
    expect(JSON.stringify(changed.body)).not.toContain(first.body.incident.id);

    const stranger = (await bearerFor("responder")).authorization;
    const response = await declareRoute(
      request("POST", "/api/v1/incidents", { authorization: stranger, body, idempotencyKey: key }),
      noParams,
    );
    expect(response.status).toBe(422);
    const json = await response.json();
    expect(json.error.fields.idempotencyKey[0]).toMatch(/already used by someone else/);
    expect(JSON.stringify(json)).not.toContain(first.body.incident.id);
    expect(await db.incident.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it("answers 422 with field names, 413 over 64 KiB, 415 for other content types, and writes nothing", async () => {
    const before = await db.incident.count();
    const invalid = await declareThroughApi({ title: "", severity: "sev4" });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe("validation_failed");
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(["severity", "title"]);

    const unknownService = await declareThroughApi({
      title: "x",
      severity: "sev2",
      serviceIds: [randomUUID()],
    });
    expect(unknownService.status).toBe(422);
    expect(Object.keys(unknownService.body.error.fields)).toEqual(["serviceIds"]);

    const viewerUser = await makeUser("viewer");
    const viewerCommander = await declareThroughApi({
      title: "x",
      severity: "sev2",
      commanderId: viewerUser.id,
    });
    expect(viewerCommander.status).toBe(422);
    expect(viewerCommander.body.error.fields).toEqual({
      commanderId: ["Incident roles need the responder role or above."],
    });

    const huge = await declareRoute(
      request("POST", "/api/v1/incidents", {
        authorization: responder,
        body: { title: "x", severity: "sev2", summary: "x".repeat(70_000) },
      }),
      noParams,
    );
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("payload_too_large");
    const form = await declareRoute(
      request("POST", "/api/v1/incidents", {
        authorization: responder,
        rawBody: "title=x&severity=sev1",
        contentType: "application/x-www-form-urlencoded",
      }),
      noParams,
    );
    expect(form.status).toBe(415);
    const malformed = await declareRoute(
      request("POST", "/api/v1/incidents", { authorization: responder, rawBody: '{"title": ' }),
      noParams,
    );
    expect(malformed.status).toBe(422);
    const notAnObject = await declareRoute(
      request("POST", "/api/v1/incidents", { authorization: responder, rawBody: "[1, 2]" }),
      noParams,
    );
    expect(notAnObject.status).toBe(422);
    expect(await db.incident.count()).toBe(before);
  });

  it("lists with filters (status=open too) and refuses a bad filter with 422", async () => {
    const service = await createService(
      { id: null, label: "vitest" },
      {
        name: `api-list-${randomUUID().slice(0, 6)}`,
        baseUrl: "http://93.184.216.34",
        profile: "http",
        environment: "test",
      },
    );
    const open = await declared({ severity: "sev1", serviceIds: [service.id] });
    const done = await declared({ severity: "sev1", serviceIds: [service.id] });
    const resolve = await patchIncident(
      request("PATCH", `/api/v1/incidents/${done.id}`, {
        authorization: responder,
        body: { version: done.version, status: "resolved", rootCause: "expired certificate" },
      }),
      paramsOf(done.id),
    );
    expect(resolve.status).toBe(200);

    const list = async (query: string) =>
      listIncidentsRoute(
        request("GET", `/api/v1/incidents?service=${service.id}&${query}`, {
          authorization: viewer,
        }),
        noParams,
      );
    const all = await list("");
    expect(all.status).toBe(200);
    expect((await all.json()).incidents.map((item: { id: string }) => item.id)).toEqual([
      open.id,
      done.id,
    ]);
    expect(
      (await (await list("status=open&severity=sev1")).json()).incidents.map(
        (item: { id: string }) => item.id,
      ),
    ).toEqual([open.id]);
    expect(
      (await (await list("status=resolved")).json()).incidents.map(
        (item: { id: string }) => item.id,
      ),
    ).toEqual([done.id]);
    const bad = await list("status=closed&limit=0&from=soon");
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual([
      "from",
      "limit",
      "status",
    ]);
  });

  it("serves the report at /incidents/report and 404s cleanly for ids that are not incidents", async () => {
    const report = await getReport(
      request("GET", "/api/v1/incidents/report?months=6", { authorization: viewer }),
      noParams,
    );
    expect(report.status).toBe(200);
    const json = await report.json();
    expect(json.report.months).toHaveLength(6);
    expect(json.report.timeToResolve).toEqual({
      count: expect.any(Number),
      medianMs: expect.toBeOneOf([null, expect.any(Number)]),
      p90Ms: expect.toBeOneOf([null, expect.any(Number)]),
    });
    const badMonths = await getReport(
      request("GET", "/api/v1/incidents/report?months=0", { authorization: viewer }),
      noParams,
    );
    expect(badMonths.status).toBe(422);

    for (const id of ["report", "42", randomUUID()]) {
      const missing = await getIncidentRoute(
        request("GET", `/api/v1/incidents/${id}`, { authorization: viewer }),
        paramsOf(id),
      );
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe("not_found");
      const patch = await patchIncident(
        request("PATCH", `/api/v1/incidents/${id}`, {
          authorization: responder,
          body: { version: 1, title: "x" },
        }),
        paramsOf(id),
      );
      expect(patch.status).toBe(404);
      const timeline = await getTimeline(
        request("GET", `/api/v1/incidents/${id}/timeline`, { authorization: viewer }),
        paramsOf(id),
      );
      expect(timeline.status).toBe(404);
    }
  });
});

describe("PATCH /api/v1/incidents/:id", () => {
  it("refuses the second of two editors of one version with 409 and the current incident in error.details.current, never overwriting silently", async () => {
    const incident = await declared();
    const edit = (body: Record<string, unknown>) =>
      patchIncident(
        request("PATCH", `/api/v1/incidents/${incident.id}`, { authorization: responder, body }),
        paramsOf(incident.id),
      );
    const first = await edit({ version: incident.version, severity: "sev1", status: "identified" });
    expect(first.status).toBe(200);
    expect((await first.json()).incident).toMatchObject({
      severity: "sev1",
      status: "identified",
      version: incident.version + 1,
    });

    const second = await edit({ version: incident.version, severity: "sev3" });
    expect(second.status).toBe(409);
    const conflict = await second.json();
    expect(conflict.error.code).toBe("conflict");
    expect(conflict.error.details.current).toMatchObject({
      id: incident.id,
      severity: "sev1",
      status: "identified",
      version: incident.version + 1,
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({
      severity: "sev1",
      version: incident.version + 1,
    });
    expect(
      await db.timelineEntry.count({ where: { incidentId: incident.id, kind: "severity_change" } }),
    ).toBe(1);

    const noVersion = await edit({ title: "no version" });
    expect(noVersion.status).toBe(422);
    expect(Object.keys((await noVersion.json()).error.fields)).toEqual(["version"]);
    const nothing = await edit({ version: incident.version + 1 });
    expect(nothing.status).toBe(422);

    const resolveBare = await edit({ version: incident.version + 1, status: "resolved" });
    expect(resolveBare.status).toBe(422);
    expect((await resolveBare.json()).error.fields).toEqual({
      rootCause: ["Resolving needs a root-cause summary."],
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({
      status: "identified",
      version: incident.version + 1,
      resolvedAt: null,
    });
  });
});

describe("POST /api/v1/incidents/:id/timeline and /updates", () => {
  it("appends once per Idempotency-Key (201, then 200 with the same entry) and reads back in pages", async () => {
    const incident = await declared();
    const key = `api-entry-${randomUUID()}`;
    const append = () =>
      postTimeline(
        request("POST", `/api/v1/incidents/${incident.id}/timeline`, {
          authorization: responder,
          idempotencyKey: key,
          body: { kind: "action", body: "Restarted Absorb" },
        }),
        paramsOf(incident.id),
      );
    const first = await append();
    const retry = await append();
    expect([first.status, retry.status]).toEqual([201, 200]);
    const entry = (await first.json()).entry as TimelineEntryView;
    expect(entry).toMatchObject({ kind: "action", body: "Restarted Absorb", correctsId: null });
    expect((await retry.json()).entry).toEqual(entry);

    const page = await getTimeline(
      request("GET", `/api/v1/incidents/${incident.id}/timeline?limit=1`, {
        authorization: viewer,
      }),
      paramsOf(incident.id),
    );
    const pageJson = await page.json();
    expect(pageJson).toEqual({ entries: [entry], nextBefore: entry.id });
    const next = await getTimeline(
      request("GET", `/api/v1/incidents/${incident.id}/timeline?limit=5&before=${entry.id}`, {
        authorization: viewer,
      }),
      paramsOf(incident.id),
    );
    expect((await next.json()).entries.map((item: TimelineEntryView) => item.kind)).toEqual([
      "declared",
    ]);
    const badQuery = await getTimeline(
      request("GET", `/api/v1/incidents/${incident.id}/timeline?limit=500&before=abc`, {
        authorization: viewer,
      }),
      paramsOf(incident.id),
    );
    expect(badQuery.status).toBe(422);
    expect(Object.keys((await badQuery.json()).error.fields).sort()).toEqual(["before", "limit"]);

    const future = await postTimeline(
      request("POST", `/api/v1/incidents/${incident.id}/timeline`, {
        authorization: responder,
        body: { body: "later", occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
      }),
      paramsOf(incident.id),
    );
    expect(future.status).toBe(422);
    expect(Object.keys((await future.json()).error.fields)).toEqual(["occurredAt"]);
    const missing = randomUUID();
    const onMissing = await postTimeline(
      request("POST", `/api/v1/incidents/${missing}/timeline`, {
        authorization: responder,
        body: { body: "x" },
      }),
      paramsOf(missing),
    );
    expect(onMissing.status).toBe(404);
  });

  it("posts a status update as a communication entry (201, replay 200)", async () => {
    const incident = await declared();
    const key = `api-update-${randomUUID()}`;
    const post = () =>
      postUpdate(
        request("POST", `/api/v1/incidents/${incident.id}/updates`, {
          authorization: responder,
          idempotencyKey: key,
          body: { message: "Investigating 502s on Studio", eta: "1 h" },
        }),
        paramsOf(incident.id),
      );
    const first = await post();
    expect(first.status).toBe(201);
    const entry = (await first.json()).entry;
    expect(entry).toMatchObject({
      kind: "communication",
      body: "Investigating 502s on Studio",
      details: { eta: "1 h" },
    });
    const retry = await post();
    expect(retry.status).toBe(200);
    expect((await retry.json()).entry.id).toBe(entry.id);
    const empty = await postUpdate(
      request("POST", `/api/v1/incidents/${incident.id}/updates`, {
        authorization: responder,
        body: { message: "" },
      }),
      paramsOf(incident.id),
    );
    expect(empty.status).toBe(422);
    expect(Object.keys((await empty.json()).error.fields)).toEqual(["message"]);
  });
});

describe("what people typed, through the API", () => {
  it("comes back as the same JSON strings, never as HTML", async () => {
    const script = "<script>alert(1)</script>";
    const image = "<img src=x onerror=alert(document.cookie)>";
    const incident = await declared({
      title: script,
      summary: image,
      userImpact: `"quoted" & ${image}`,
    });
    expect(incident).toMatchObject({
      title: script,
      summary: image,
      userImpact: `"quoted" & ${image}`,
    });
    await postTimeline(
      request("POST", `/api/v1/incidents/${incident.id}/timeline`, {
        authorization: responder,
        body: { body: image },
      }),
      paramsOf(incident.id),
    );
    await postUpdate(
      request("POST", `/api/v1/incidents/${incident.id}/updates`, {
        authorization: responder,
        body: { message: script, workaround: image },
      }),
      paramsOf(incident.id),
    );

    const read = await getIncidentRoute(
      request("GET", `/api/v1/incidents/${incident.id}`, { authorization: viewer }),
      paramsOf(incident.id),
    );
    expect(read.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await read.json()).incident).toMatchObject({
      title: script,
      summary: image,
      workaround: image,
    });
    const timeline = await getTimeline(
      request("GET", `/api/v1/incidents/${incident.id}/timeline`, { authorization: viewer }),
      paramsOf(incident.id),
    );
    expect(timeline.headers.get("content-type")).toMatch(/^application\/json/);
    const bodies = (await timeline.json()).entries.map((entry: TimelineEntryView) => entry.body);
    expect(bodies).toEqual(
      expect.arrayContaining([
        image,
        script,
        `Declared SEV2: ${script}. Commander: ${incident.commander.name}.`,
      ]),
    );

    const refused = await declareThroughApi({ title: script, severity: "<b>1</b>" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.severity).toEqual(["Choose SEV1, SEV2 or SEV3."]);
  });
});

describe("the OpenAPI document", () => {
  it("describes the incident routes, their bodies (dates as ISO strings) and the Idempotency-Key header", () => {
    const append = openApiOperation("/api/v1/incidents/{id}/timeline", "post");
    expect(append?.parameters).toEqual([
      expect.objectContaining({ name: "id", in: "path" }),
      expect.objectContaining({ name: "Idempotency-Key", in: "header" }),
    ]);
    const schema = openApiBodySchema("/api/v1/incidents/{id}/timeline", "post");
    expect(schema?.properties.occurredAt).toMatchObject({ type: "string", format: "date-time" });
    expect(schema?.required).toEqual(["body"]);
    expect(openApiBodySchema("/api/v1/incidents", "post")?.required?.sort()).toEqual([
      "severity",
      "title",
    ]);
    expect(openApiBodySchema("/api/v1/incidents/{id}", "patch")?.required).toEqual(["version"]);
    expect(openApiOperation("/api/v1/incidents/report", "get")?.parameters).toBeUndefined();
  });
});
