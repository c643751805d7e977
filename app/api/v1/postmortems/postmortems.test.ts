import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  GET as getIncidentPostmortem,
  PUT as putIncidentPostmortem,
} from "@/app/api/v1/incidents/[id]/postmortem/route";
import { PATCH as patchIncident } from "@/app/api/v1/incidents/[id]/route";
import { POST as declareRoute } from "@/app/api/v1/incidents/route";
import { PATCH as patchActionItem } from "@/app/api/v1/postmortems/[id]/action-items/[itemId]/route";
import { POST as postActionItem } from "@/app/api/v1/postmortems/[id]/action-items/route";
import { POST as postPublish } from "@/app/api/v1/postmortems/[id]/publish/route";
import { POST as postReview } from "@/app/api/v1/postmortems/[id]/review/route";
import { POST as postReviewers } from "@/app/api/v1/postmortems/[id]/reviewers/route";
import { GET as getPostmortemRoute } from "@/app/api/v1/postmortems/[id]/route";
import { GET as listActionItemsRoute } from "@/app/api/v1/postmortems/action-items/route";
import { GET as listPostmortemsRoute } from "@/app/api/v1/postmortems/route";
import { GET as getCalendar, PUT as putCalendar } from "@/app/api/v1/team/calendar/route";
import { db } from "@/lib/db";
import type { IncidentView } from "@/lib/incidents/types";
import type {
  ActionItemListItem,
  ActionItemView,
  PostmortemDetail,
  PostmortemListItem,
} from "@/lib/postmortems/types";
import type { TeamCalendarView } from "@/lib/team/types";
import { apiRequest, noParams, paramsOf, tokenFor } from "@/test/api";
import { openApiBodySchema, openApiOperation } from "@/test/openapi";

const itemParamsOf = (id: string, itemId: string) => ({ params: Promise.resolve({ id, itemId }) });

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

type ErrorJson = {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string[]>;
    details?: Record<string, unknown>;
  };
};

let author: { owner: { id: string }; authorization: string };
let reviewer: { owner: { id: string }; authorization: string };
let viewer: string;

beforeAll(async () => {
  author = await tokenFor("responder");
  reviewer = await tokenFor("responder");
  viewer = (await tokenFor("viewer")).authorization;
});

async function declared(severity: "sev1" | "sev2" | "sev3"): Promise<IncidentView> {
  const response = await declareRoute(
    apiRequest("POST", "/api/v1/incidents", {
      authorization: author.authorization,
      body: { title: `PM API ${randomUUID().slice(0, 6)}`, severity },
    }),
    noParams,
  );
  expect(response.status).toBe(201);
  return (await json<{ incident: IncidentView }>(response)).incident;
}

async function resolved(severity: "sev1" | "sev2" | "sev3"): Promise<IncidentView> {
  const incident = await declared(severity);
  const response = await patchIncident(
    apiRequest("PATCH", `/api/v1/incidents/${incident.id}`, {
      authorization: author.authorization,
      body: { version: incident.version, status: "resolved", rootCause: "a config push" },
    }),
    paramsOf(incident.id),
  );
  expect(response.status).toBe(200);
  return (await json<{ incident: IncidentView }>(response)).incident;
}

function putPostmortem(incidentId: string, body: unknown, authorization = author.authorization) {
  return putIncidentPostmortem(
    apiRequest("PUT", `/api/v1/incidents/${incidentId}/postmortem`, { authorization, body }),
    paramsOf(incidentId),
  );
}

/** A resolved SEV3 has no postmortem until someone writes one: the first PUT creates it. */
async function startedPostmortem(): Promise<PostmortemDetail> {
  const incident = await resolved("sev3");
  const response = await putPostmortem(incident.id, {
    content: { summary: "The config push emptied the route table." },
  });
  expect(response.status).toBe(201);
  return json<PostmortemDetail>(response);
}

describe("/api/v1 postmortem routes: who may call them", () => {
  it("refuses anonymous callers with 401 and viewers' writes with 403, and writes nothing", async () => {
    const detail = await startedPostmortem();
    const { id } = detail.postmortem;
    const incidentId = detail.postmortem.incident.id;
    const itemId = randomUUID();
    const anonymous = [
      await getIncidentPostmortem(
        apiRequest("GET", `/api/v1/incidents/${incidentId}/postmortem`),
        paramsOf(incidentId),
      ),
      await putPostmortem(
        incidentId,
        { version: detail.postmortem.version, content: { summary: "anonymous" } },
        "",
      ),
      await listPostmortemsRoute(apiRequest("GET", "/api/v1/postmortems"), noParams),
      await listActionItemsRoute(apiRequest("GET", "/api/v1/postmortems/action-items"), noParams),
      await getPostmortemRoute(apiRequest("GET", `/api/v1/postmortems/${id}`), paramsOf(id)),
      await postActionItem(
        apiRequest("POST", `/api/v1/postmortems/${id}/action-items`, { body: { title: "x" } }),
        paramsOf(id),
      ),
      await postPublish(
        apiRequest("POST", `/api/v1/postmortems/${id}/publish`, { body: { version: 1 } }),
        paramsOf(id),
      ),
      await getCalendar(apiRequest("GET", "/api/v1/team/calendar"), noParams),
    ];
    for (const response of anonymous) {
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({
        error: { code: "unauthenticated", message: expect.any(String) },
      });
    }
    const version = detail.postmortem.version;
    const viewerWrites = [
      await putPostmortem(incidentId, { version, content: { summary: "viewer edit" } }, viewer),
      await postActionItem(
        apiRequest("POST", `/api/v1/postmortems/${id}/action-items`, {
          authorization: viewer,
          body: { title: "viewer item" },
        }),
        paramsOf(id),
      ),
      await patchActionItem(
        apiRequest("PATCH", `/api/v1/postmortems/${id}/action-items/${itemId}`, {
          authorization: viewer,
          body: { version: 1, title: "x" },
        }),
        itemParamsOf(id, itemId),
      ),
      await postReviewers(
        apiRequest("POST", `/api/v1/postmortems/${id}/reviewers`, {
          authorization: viewer,
          body: { version, reviewerIds: [reviewer.owner.id] },
        }),
        paramsOf(id),
      ),
      await postReview(
        apiRequest("POST", `/api/v1/postmortems/${id}/review`, {
          authorization: viewer,
          body: { version, decision: "approve" },
        }),
        paramsOf(id),
      ),
      await postPublish(
        apiRequest("POST", `/api/v1/postmortems/${id}/publish`, {
          authorization: viewer,
          body: { version },
        }),
        paramsOf(id),
      ),
      await putCalendar(
        apiRequest("PUT", "/api/v1/team/calendar", {
          authorization: viewer,
          body: { timeZone: "UTC", holidays: [], version: 1 },
        }),
        noParams,
      ),
    ];
    for (const response of viewerWrites) {
      expect(response.status).toBe(403);
      expect((await json<ErrorJson>(response)).error.code).toBe("forbidden");
    }
    const row = await db.postmortem.findUniqueOrThrow({
      where: { id },
      include: { actionItems: true, reviewers: true },
    });
    expect(row).toMatchObject({ version, status: "draft", actionItems: [], reviewers: [] });

    const viewerRead = await getPostmortemRoute(
      apiRequest("GET", `/api/v1/postmortems/${id}`, { authorization: viewer }),
      paramsOf(id),
    );
    expect(viewerRead.status).toBe(200);
    expect((await json<PostmortemDetail>(viewerRead)).postmortem).toMatchObject({
      id,
      version,
      content: { summary: "The config push emptied the route table." },
    });
  });

  it("answers 404 for ids that are not postmortems, and for an incident without one", async () => {
    const withoutPostmortem = await declared("sev3");
    const missingPostmortem = await getIncidentPostmortem(
      apiRequest("GET", `/api/v1/incidents/${withoutPostmortem.id}/postmortem`, {
        authorization: viewer,
      }),
      paramsOf(withoutPostmortem.id),
    );
    expect(missingPostmortem.status).toBe(404);
    expect((await json<ErrorJson>(missingPostmortem)).error.code).toBe("not_found");
    for (const id of ["42", "action-items", randomUUID()]) {
      const read = await getPostmortemRoute(
        apiRequest("GET", `/api/v1/postmortems/${id}`, { authorization: viewer }),
        paramsOf(id),
      );
      expect(read.status).toBe(404);
      const onIncident = await getIncidentPostmortem(
        apiRequest("GET", `/api/v1/incidents/${id}/postmortem`, { authorization: viewer }),
        paramsOf(id),
      );
      expect(onIncident.status).toBe(404);
      const save = await putPostmortem(id, { content: { summary: "nowhere" } });
      expect(save.status).toBe(404);
      const item = await postActionItem(
        apiRequest("POST", `/api/v1/postmortems/${id}/action-items`, {
          authorization: author.authorization,
          body: { title: "nowhere" },
        }),
        paramsOf(id),
      );
      expect(item.status).toBe(404);
    }
  });
});

describe("PUT /api/v1/incidents/:id/postmortem", () => {
  it("creates the postmortem on the first save (201), then needs the version (422) and refuses a stale one with 409, the current document and what changed", async () => {
    const incident = await resolved("sev3");
    expect(await db.postmortem.count({ where: { incidentId: incident.id } })).toBe(0);
    const created = await putPostmortem(incident.id, {
      content: { summary: "first words", impact: "Studio answered 502 for 40 minutes." },
    });
    expect(created.status).toBe(201);
    const first = await json<PostmortemDetail>(created);
    expect(first.postmortem).toMatchObject({
      status: "draft",
      required: false,
      incident: { id: incident.id, severity: "sev3" },
    });
    expect(first.postmortem.content).toMatchObject({
      summary: "first words",
      impact: "Studio answered 502 for 40 minutes.",
    });
    expect(await db.postmortem.count({ where: { incidentId: incident.id } })).toBe(1);

    const read = await getIncidentPostmortem(
      apiRequest("GET", `/api/v1/incidents/${incident.id}/postmortem`, { authorization: viewer }),
      paramsOf(incident.id),
    );
    expect(read.status).toBe(200);
    expect((await json<PostmortemDetail>(read)).postmortem).toEqual(first.postmortem);

    const noVersion = await putPostmortem(incident.id, { content: { summary: "no version" } });
    expect(noVersion.status).toBe(422);
    expect(Object.keys((await json<ErrorJson>(noVersion)).error.fields ?? {})).toEqual(["version"]);
    const badVersion = await putPostmortem(incident.id, {
      version: "soon",
      content: { summary: "bad version" },
    });
    expect(badVersion.status).toBe(422);
    expect(Object.keys((await json<ErrorJson>(badVersion)).error.fields ?? {})).toEqual([
      "version",
    ]);

    // A second editor saves first; the first editor's save of the version both read is then stale.
    const saved = await putPostmortem(
      incident.id,
      {
        version: first.postmortem.version,
        content: { rootCauses: "The route table had no floor." },
      },
      reviewer.authorization,
    );
    expect(saved.status).toBe(200);
    const second = await json<PostmortemDetail>(saved);
    expect(second.postmortem.version).toBe(first.postmortem.version + 1);
    expect(second.postmortem.content).toMatchObject({
      summary: "first words",
      rootCauses: "The route table had no floor.",
    });

    const stale = await putPostmortem(incident.id, {
      version: first.postmortem.version,
      content: { summary: "my older idea" },
    });
    expect(stale.status).toBe(409);
    const conflict = await json<ErrorJson>(stale);
    expect(conflict.error.code).toBe("conflict");
    expect(conflict.error.details?.current).toMatchObject({
      id: first.postmortem.id,
      version: second.postmortem.version,
      content: { summary: "first words" },
    });
    expect(conflict.error.details?.changed).toEqual(["rootCauses"]);
    expect(
      (await db.postmortem.findUniqueOrThrow({ where: { id: first.postmortem.id } })).version,
    ).toBe(second.postmortem.version);
  });
});

describe("GET /api/v1/postmortems", () => {
  it("filters by status and overdue, and refuses a bad status with 422", async () => {
    const late = await resolved("sev1");
    const onTime = await resolved("sev1");
    await db.postmortem.update({
      where: { incidentId: late.id },
      data: { dueAt: new Date(Date.now() - 10 * 86_400_000) },
    });
    const list = async (query: string) => {
      const response = await listPostmortemsRoute(
        apiRequest("GET", `/api/v1/postmortems${query}`, { authorization: viewer }),
        noParams,
      );
      expect(response.status).toBe(200);
      return (await json<{ postmortems: PostmortemListItem[] }>(response)).postmortems;
    };
    const overdue = await list("?overdue=true");
    const overdueIds = overdue.map((item) => item.incident.id);
    expect(overdueIds).toContain(late.id);
    expect(overdueIds).not.toContain(onTime.id);
    expect(overdue.every((item) => item.overdue)).toBe(true);
    expect(overdue.find((item) => item.incident.id === late.id)).toMatchObject({
      status: "draft",
      required: true,
      dueIn: expect.stringMatching(/^overdue by \d+ business days?$/),
    });

    const drafts = (await list("?status=draft")).map((item) => item.incident.id);
    expect(drafts).toEqual(expect.arrayContaining([late.id, onTime.id]));
    expect((await list("?status=published")).map((item) => item.incident.id)).not.toContain(
      late.id,
    );

    const bad = await listPostmortemsRoute(
      apiRequest("GET", "/api/v1/postmortems?status=closed", { authorization: viewer }),
      noParams,
    );
    expect(bad.status).toBe(422);
    expect(Object.keys((await json<ErrorJson>(bad)).error.fields ?? {})).toEqual(["status"]);
  });
});

describe("the review and publish flow over HTTP", () => {
  it("saves, asks for review, takes an approval, publishes, and then refuses edits as read-only", async () => {
    const incident = await resolved("sev1");
    const existing = await getIncidentPostmortem(
      apiRequest("GET", `/api/v1/incidents/${incident.id}/postmortem`, { authorization: viewer }),
      paramsOf(incident.id),
    );
    expect(existing.status).toBe(200);
    const draft = await json<PostmortemDetail>(existing);
    const id = draft.postmortem.id;
    expect(draft.postmortem).toMatchObject({ status: "draft", required: true });
    expect(draft.readiness.canPublish).toBe(false);

    const saved = await putPostmortem(incident.id, {
      version: draft.postmortem.version,
      content: { summary: "A config push emptied the route table.", lessons: "Validate pushes." },
    });
    expect(saved.status).toBe(200);
    let version = (await json<PostmortemDetail>(saved)).postmortem.version;

    const tooEarly = await postPublish(
      apiRequest("POST", `/api/v1/postmortems/${id}/publish`, {
        authorization: author.authorization,
        body: { version },
      }),
      paramsOf(id),
    );
    expect(tooEarly.status).toBe(409);

    const asked = await postReviewers(
      apiRequest("POST", `/api/v1/postmortems/${id}/reviewers`, {
        authorization: author.authorization,
        body: { version, reviewerIds: [reviewer.owner.id] },
      }),
      paramsOf(id),
    );
    expect(asked.status).toBe(200);
    const inReview = await json<PostmortemDetail>(asked);
    expect(inReview.postmortem.status).toBe("in_review");
    expect(inReview.reviewers.map((entry) => entry.user.id)).toEqual([reviewer.owner.id]);
    version = inReview.postmortem.version;

    const review = (body: unknown, authorization = reviewer.authorization) =>
      postReview(
        apiRequest("POST", `/api/v1/postmortems/${id}/review`, { authorization, body }),
        paramsOf(id),
      );
    const silentChanges = await review({ decision: "request_changes", comment: "  ", version });
    expect(silentChanges.status).toBe(422);
    expect((await json<ErrorJson>(silentChanges)).error.fields).toEqual({
      comment: ["Say what should change."],
    });
    const badDecision = await review({ decision: "maybe", version });
    expect(badDecision.status).toBe(422);
    expect(Object.keys((await json<ErrorJson>(badDecision)).error.fields ?? {})).toEqual([
      "decision",
    ]);
    const notAReviewer = await review(
      { decision: "approve", comment: "", version },
      author.authorization,
    );
    expect(notAReviewer.status).toBe(403);
    const staleReview = await review({ decision: "approve", comment: "", version: version - 1 });
    expect(staleReview.status).toBe(409);

    const approved = await review({
      decision: "approve",
      comment: "Clear and blameless.",
      version,
    });
    expect(approved.status).toBe(200);
    const afterApproval = await json<PostmortemDetail>(approved);
    expect(afterApproval.reviewers).toEqual([
      expect.objectContaining({ decision: "approved", current: true }),
    ]);
    expect(afterApproval.reviews).toEqual([
      expect.objectContaining({ decision: "approved", comment: "Clear and blameless.", version }),
    ]);
    expect(afterApproval.readiness).toMatchObject({ canPublish: true, approvals: 1 });

    const published = await postPublish(
      apiRequest("POST", `/api/v1/postmortems/${id}/publish`, {
        authorization: author.authorization,
        body: { version: afterApproval.postmortem.version },
      }),
      paramsOf(id),
    );
    expect(published.status).toBe(200);
    const done = await json<PostmortemDetail>(published);
    expect(done.postmortem).toMatchObject({
      status: "published",
      publishedBy: { id: author.owner.id },
      publishedAt: expect.any(String),
      overdue: false,
    });
    expect(done.revisions.length).toBeGreaterThan(0);

    const lateEdit = await putPostmortem(incident.id, {
      version: done.postmortem.version,
      content: { summary: "one more thing" },
    });
    expect(lateEdit.status).toBe(409);
    expect((await json<ErrorJson>(lateEdit)).error.message).toBe(
      "This postmortem is published and read-only.",
    );
    const row = await db.postmortem.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "published", version: done.postmortem.version });
    expect(row.content).toMatchObject({ summary: "A config push emptied the route table." });

    const publishedList = await listPostmortemsRoute(
      apiRequest("GET", "/api/v1/postmortems?status=published", { authorization: viewer }),
      noParams,
    );
    expect(
      (await json<{ postmortems: PostmortemListItem[] }>(publishedList)).postmortems.map(
        (item) => item.id,
      ),
    ).toContain(id);
  });
});

describe("action items over HTTP", () => {
  it("adds (201) and changes (200) an item, refuses a stale version with 409 and the current item, and a javascript: link with 422", async () => {
    const { postmortem } = await startedPostmortem();
    const id = postmortem.id;
    const add = (body: unknown) =>
      postActionItem(
        apiRequest("POST", `/api/v1/postmortems/${id}/action-items`, {
          authorization: author.authorization,
          body,
        }),
        paramsOf(id),
      );
    const badLink = await add({
      title: "Alert on an empty route table",
      issueUrl: "javascript:alert(1)",
    });
    expect(badLink.status).toBe(422);
    expect(Object.keys((await json<ErrorJson>(badLink)).error.fields ?? {})).toEqual(["issueUrl"]);
    const noTitle = await add({ title: " ", dueDate: "2026-02-30" });
    expect(noTitle.status).toBe(422);
    expect(Object.keys((await json<ErrorJson>(noTitle)).error.fields ?? {}).sort()).toEqual([
      "dueDate",
      "title",
    ]);
    expect(await db.postmortemActionItem.count({ where: { postmortemId: id } })).toBe(0);

    const created = await add({
      title: "Alert on an empty route table",
      ownerId: author.owner.id,
      dueDate: "2020-01-10",
      issueUrl: "https://tracker.example/VIG-12",
    });
    expect(created.status).toBe(201);
    const item = (await json<{ actionItem: ActionItemView }>(created)).actionItem;
    expect(item).toMatchObject({
      postmortemId: id,
      title: "Alert on an empty route table",
      owner: { id: author.owner.id },
      dueDate: "2020-01-10",
      issueUrl: "https://tracker.example/VIG-12",
      status: "open",
      overdue: true,
    });

    const openItems = async (query = "") => {
      const response = await listActionItemsRoute(
        apiRequest("GET", `/api/v1/postmortems/action-items${query}`, { authorization: viewer }),
        noParams,
      );
      expect(response.status).toBe(200);
      return (await json<{ actionItems: ActionItemListItem[] }>(response)).actionItems;
    };
    expect(
      (await openItems(`?ownerId=${author.owner.id}`)).find((entry) => entry.id === item.id),
    ).toMatchObject({
      overdue: true,
      postmortem: { id },
      incident: { id: postmortem.incident.id },
    });

    const patch = (body: unknown) =>
      patchActionItem(
        apiRequest("PATCH", `/api/v1/postmortems/${id}/action-items/${item.id}`, {
          authorization: author.authorization,
          body,
        }),
        itemParamsOf(id, item.id),
      );
    const changed = await patch({ version: item.version, status: "done" });
    expect(changed.status).toBe(200);
    const done = (await json<{ actionItem: ActionItemView }>(changed)).actionItem;
    expect(done).toMatchObject({
      id: item.id,
      status: "done",
      overdue: false,
      version: item.version + 1,
    });

    const stale = await patch({ version: item.version, title: "Someone else's title" });
    expect(stale.status).toBe(409);
    const conflict = await json<ErrorJson>(stale);
    expect(conflict.error.details?.current).toMatchObject({
      id: item.id,
      status: "done",
      title: "Alert on an empty route table",
      version: done.version,
    });
    const staleLink = await patch({ version: done.version, issueUrl: "javascript:alert(1)" });
    expect(staleLink.status).toBe(422);

    expect((await openItems()).map((entry) => entry.id)).not.toContain(item.id);
    expect((await openItems("?open=false")).map((entry) => entry.id)).toContain(item.id);
    const badFilter = await listActionItemsRoute(
      apiRequest("GET", "/api/v1/postmortems/action-items?ownerId=me", { authorization: viewer }),
      noParams,
    );
    expect(badFilter.status).toBe(422);
    expect(Object.keys((await json<ErrorJson>(badFilter)).error.fields ?? {})).toEqual(["ownerId"]);
  });
});

describe("/api/v1/team/calendar", () => {
  it("lets an admin set the time zone and holidays (200), refuses a lead (403) and an unknown zone (422)", async () => {
    const admin = (await tokenFor("admin")).authorization;
    const lead = (await tokenFor("lead")).authorization;
    const read = async () => {
      const response = await getCalendar(
        apiRequest("GET", "/api/v1/team/calendar", { authorization: viewer }),
        noParams,
      );
      expect(response.status).toBe(200);
      return json<TeamCalendarView>(response);
    };
    const put = (body: unknown, authorization = admin) =>
      putCalendar(apiRequest("PUT", "/api/v1/team/calendar", { authorization, body }), noParams);
    const before = await read();
    try {
      const byLead = await put(
        { timeZone: "Europe/Berlin", holidays: [], version: before.version },
        lead,
      );
      expect(byLead.status).toBe(403);
      const badZone = await put({
        timeZone: "Mars/Olympus_Mons",
        holidays: [],
        version: before.version,
      });
      expect(badZone.status).toBe(422);
      expect(Object.keys((await json<ErrorJson>(badZone)).error.fields ?? {})).toEqual([
        "timeZone",
      ]);
      expect(await read()).toEqual(before);

      const saved = await put({
        timeZone: "Europe/Berlin",
        holidays: [{ date: "2026-12-24", name: "Christmas Eve" }],
        version: before.version,
      });
      expect(saved.status).toBe(200);
      const body = await json<{ calendar: TeamCalendarView; recomputed: number }>(saved);
      expect(body.calendar).toMatchObject({
        timeZone: "Europe/Berlin",
        holidays: [{ date: "2026-12-24", name: "Christmas Eve" }],
        version: before.version + 1,
      });
      expect(body.recomputed).toEqual(expect.any(Number));
      expect(await read()).toMatchObject({
        timeZone: "Europe/Berlin",
        version: before.version + 1,
      });

      const stale = await put({ timeZone: "UTC", holidays: [], version: before.version });
      expect(stale.status).toBe(409);
      expect((await json<ErrorJson>(stale)).error.details?.current).toMatchObject({
        timeZone: "Europe/Berlin",
      });
    } finally {
      const current = await read();
      const restored = await put({
        timeZone: before.timeZone,
        holidays: before.holidays,
        version: current.version,
      });
      expect(restored.status).toBe(200);
      expect(await read()).toMatchObject({ timeZone: before.timeZone, holidays: before.holidays });
    }
  });
});

describe("the OpenAPI document", () => {
  it("describes the postmortem and team calendar routes with their bodies", () => {
    expect(openApiOperation("/api/v1/incidents/{id}/postmortem", "get")).toBeDefined();
    expect(
      Object.keys(
        openApiBodySchema("/api/v1/incidents/{id}/postmortem", "put")?.properties ?? {},
      ).sort(),
    ).toEqual(["content", "ownerId", "version"]);
    expect(openApiBodySchema("/api/v1/incidents/{id}/postmortem", "put")?.required).toBeUndefined();
    expect(
      openApiBodySchema("/api/v1/postmortems/{id}/review", "post")?.properties.decision,
    ).toMatchObject({
      enum: ["approve", "request_changes"],
    });
    expect(openApiBodySchema("/api/v1/postmortems/{id}/review", "post")?.required?.sort()).toEqual([
      "decision",
      "version",
    ]);
    expect(
      openApiBodySchema("/api/v1/postmortems/{id}/reviewers", "post")?.required?.sort(),
    ).toEqual(["reviewerIds", "version"]);
    expect(openApiBodySchema("/api/v1/postmortems/{id}/publish", "post")?.required).toEqual([
      "version",
    ]);
    expect(openApiBodySchema("/api/v1/postmortems/{id}/action-items", "post")?.required).toEqual([
      "title",
    ]);
    expect(
      openApiOperation("/api/v1/postmortems/{id}/action-items/{itemId}", "patch")?.parameters?.map(
        (parameter) => parameter.name,
      ),
    ).toEqual(["id", "itemId"]);
    expect(openApiBodySchema("/api/v1/team/calendar", "put")?.required?.sort()).toEqual([
      "holidays",
      "timeZone",
      "version",
    ]);
    for (const path of [
      "/api/v1/postmortems",
      "/api/v1/postmortems/action-items",
      "/api/v1/postmortems/{id}",
      "/api/v1/postmortems/{id}/markdown",
      "/api/v1/team/calendar",
    ]) {
      expect(openApiOperation(path, "get"), path).toBeDefined();
    }
  });
});
