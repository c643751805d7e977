import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ackRoute } from "@/app/api/v1/handoffs/[id]/ack/route";
import { GET as getHandoffRoute } from "@/app/api/v1/handoffs/[id]/route";
import { GET as draftRoute } from "@/app/api/v1/handoffs/draft/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/handoffs/route";
import {
  GET as getScheduleRoute,
  PUT as putScheduleRoute,
} from "@/app/api/v1/handoffs/schedule/route";
import type { Actor, Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { handoffScheduleId } from "@/lib/handoffs/data";
import type { HandoffDraft, HandoffView } from "@/lib/handoffs/types";
import { apiRequest, noParams, paramsOf } from "@/test/api";
import { makeUser } from "@/test/fixtures";
import { createApiToken } from "@/lib/tokens/data";

type Caller = { user: Actor; authorization: string };
async function callerWith(role: Role, label: string = role): Promise<Caller> {
  const user = await makeUser(role, label);
  const { secret } = await createApiToken(
    { id: null, label: "vitest" },
    { ownerEmail: user.email, name: `${label} token` },
  );
  return { user, authorization: `Bearer ${secret}` };
}

const request = apiRequest;

let viewer: Caller;
let outgoing: Caller;
let incoming: Caller;
let admin: Caller;

beforeAll(async () => {
  viewer = await callerWith("viewer", "api-handoff-viewer");
  outgoing = await callerWith("responder", "api-handoff-outgoing");
  incoming = await callerWith("responder", "api-handoff-incoming");
  admin = await callerWith("admin", "api-handoff-admin");
});

afterAll(async () => {
  await db.handoffSchedule.deleteMany({ where: { id: handoffScheduleId } });
});

function handoffBody(overrides: Record<string, unknown> = {}) {
  const start = Date.now() + 3_600_000;
  return {
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + 86_400_000).toISOString(),
    outgoingId: outgoing.user.id,
    incomingId: incoming.user.id,
    knownRisks: ["DB migration tonight", "<script>alert(1)</script>"],
    escalation: [{ name: "Ada Lovelace", contact: "+44 20 7946 0000" }],
    postToFeed: false,
    ...overrides,
  };
}

async function post(
  body: Record<string, unknown>,
  caller: Caller = outgoing,
  idempotencyKey?: string,
) {
  const response = await createRoute(
    request("POST", "/api/v1/handoffs", {
      authorization: caller.authorization,
      body,
      idempotencyKey,
    }),
    noParams,
  );
  return { status: response.status, json: await response.json() };
}

describe("/api/v1/handoffs", () => {
  it("refuses anonymous callers with 401 and a viewer's writes with 403", async () => {
    const { json } = await post(handoffBody());
    const handoff = json.handoff as HandoffView;
    const anonymous = [
      await listRoute(request("GET", "/api/v1/handoffs"), noParams),
      await createRoute(request("POST", "/api/v1/handoffs", { body: handoffBody() }), noParams),
      await getHandoffRoute(request("GET", `/api/v1/handoffs/${handoff.id}`), paramsOf(handoff.id)),
      await ackRoute(request("POST", `/api/v1/handoffs/${handoff.id}/ack`), paramsOf(handoff.id)),
      await draftRoute(request("GET", "/api/v1/handoffs/draft"), noParams),
      await getScheduleRoute(request("GET", "/api/v1/handoffs/schedule"), noParams),
    ];
    for (const response of anonymous) {
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthenticated");
    }
    const before = await db.handoff.count();
    const refusedWrites = [
      await createRoute(
        request("POST", "/api/v1/handoffs", {
          authorization: viewer.authorization,
          body: handoffBody(),
        }),
        noParams,
      ),
      await ackRoute(
        request("POST", `/api/v1/handoffs/${handoff.id}/ack`, {
          authorization: viewer.authorization,
        }),
        paramsOf(handoff.id),
      ),
      await putScheduleRoute(
        request("PUT", "/api/v1/handoffs/schedule", {
          authorization: outgoing.authorization,
          body: { cadence: "weekly", hourUtc: 9, version: 1 },
        }),
        noParams,
      ),
    ];
    for (const response of refusedWrites) {
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect(await db.handoff.count()).toBe(before);
    expect(
      (await db.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).acknowledgedAt,
    ).toBeNull();
  });

  it("creates with 201, replays the Idempotency-Key with 200, and the header wins over the body's key", async () => {
    const headerKey = `api-handoff-${randomUUID()}`;
    const bodyKey = `api-handoff-body-${randomUUID()}`;
    const first = await post(handoffBody({ idempotencyKey: bodyKey }), outgoing, headerKey);
    expect(first.status).toBe(201);
    const handoff = first.json.handoff as HandoffView;
    expect(handoff).toMatchObject({
      outgoing: { id: outgoing.user.id },
      incoming: { id: incoming.user.id },
      acknowledgedAt: null,
      overdue: false,
    });
    expect(handoff.text.split("\n").map((line) => line.slice(0, line.indexOf(":")))).toEqual([
      "Window",
      "Services owned",
      "Open incidents",
      "In-flight deploys",
      "Known risks",
      "Escalation",
    ]);
    expect(handoff.text).toContain("Known risks: DB migration tonight; <script>alert(1)</script>");
    const replay = await post(
      handoffBody({ idempotencyKey: bodyKey, notes: "different" }),
      outgoing,
      headerKey,
    );
    expect(replay.status).toBe(200);
    expect(replay.json.handoff.id).toBe(handoff.id);
    expect(await db.handoff.count({ where: { idempotencyKey: headerKey } })).toBe(1);
    expect(await db.handoff.count({ where: { idempotencyKey: bodyKey } })).toBe(0);
  });

  it("answers 422 with field names and writes nothing", async () => {
    const before = await db.handoff.count();
    const start = Date.now();
    const invalid = await post(
      handoffBody({
        windowEnd: new Date(start - 1).toISOString(),
        windowStart: new Date(start).toISOString(),
        escalation: [],
        knownRisks: Array.from({ length: 51 }, () => "r"),
      }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.code).toBe("validation_failed");
    expect(Object.keys(invalid.json.error.fields).sort()).toEqual(["escalation", "knownRisks"]);
    const backwards = await post(
      handoffBody({
        windowEnd: new Date(start - 1).toISOString(),
        windowStart: new Date(start).toISOString(),
      }),
    );
    expect(Object.keys(backwards.json.error.fields)).toEqual(["windowEnd"]);
    const same = await post(handoffBody({ incomingId: outgoing.user.id }));
    expect([same.status, Object.keys(same.json.error.fields)]).toEqual([422, ["incomingId"]]);
    const shortKey = await post(handoffBody(), outgoing, "abc");
    expect([shortKey.status, Object.keys(shortKey.json.error.fields)]).toEqual([
      422,
      ["idempotencyKey"],
    ]);
    const badQuery = await listRoute(
      request("GET", "/api/v1/handoffs?limit=0", { authorization: viewer.authorization }),
      noParams,
    );
    expect(badQuery.status).toBe(422);
    expect(await db.handoff.count()).toBe(before);
  });

  it("reads one handoff with its text and Markdown (200), and 404 for a missing one", async () => {
    const { json } = await post(handoffBody({ notes: "# not a heading [x](javascript:alert(1))" }));
    const created = json.handoff as HandoffView;
    const response = await getHandoffRoute(
      request("GET", `/api/v1/handoffs/${created.id}`, { authorization: viewer.authorization }),
      paramsOf(created.id),
    );
    expect(response.status).toBe(200);
    const read = (await response.json()) as { handoff: HandoffView; markdown: string };
    expect(read.handoff).toEqual(created);
    expect(read.markdown.startsWith(`# Handoff HO-${created.number}\n`)).toBe(true);
    expect(read.markdown).toContain("- **Notes:** \\# not a heading [x]\\(javascript:alert(1))");
    expect(read.markdown).toContain("\\<script>alert(1)\\</script>");

    for (const id of [randomUUID(), "nope"]) {
      const missing = await getHandoffRoute(
        request("GET", `/api/v1/handoffs/${id}`, { authorization: viewer.authorization }),
        paramsOf(id),
      );
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        error: { code: "not_found", message: "The handoff was not found." },
      });
    }
  });

  it("lists newest window first with search and a cursor", async () => {
    const word = `okapi${randomUUID().slice(0, 6)}`;
    const made: HandoffView[] = [];
    for (let index = 0; index < 3; index++)
      made.push(
        (await post(handoffBody({ knownRisks: [`${word} risk ${index}`] }))).json
          .handoff as HandoffView,
      );
    const page = async (query: string) => {
      const response = await listRoute(
        request("GET", `/api/v1/handoffs?${query}`, { authorization: viewer.authorization }),
        noParams,
      );
      expect(response.status).toBe(200);
      return (await response.json()) as { handoffs: HandoffView[]; nextBefore: number | null };
    };
    const first = await page(`q=${word}&limit=2`);
    expect(first.handoffs).toHaveLength(2);
    expect(first.nextBefore).not.toBeNull();
    const second = await page(`q=${word}&limit=2&before=${first.nextBefore}`);
    expect([...first.handoffs, ...second.handoffs].map((handoff) => handoff.id).sort()).toEqual(
      made.map((handoff) => handoff.id).sort(),
    );
    expect(second.nextBefore).toBeNull();
    expect((await page(`q=${word}%20risk%201`)).handoffs.map((handoff) => handoff.id)).toEqual([
      made[1]?.id,
    ]);
  });

  it("lets only the incoming on-call acknowledge (403 for others, 404 when missing); a repeat returns it unchanged", async () => {
    const { json } = await post(handoffBody());
    const handoff = json.handoff as HandoffView;
    const ack = (caller: Caller, id = handoff.id) =>
      ackRoute(
        request("POST", `/api/v1/handoffs/${id}/ack`, { authorization: caller.authorization }),
        paramsOf(id),
      );

    for (const someoneElse of [outgoing, admin]) {
      const refused = await ack(someoneElse);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toMatchObject({
        code: "forbidden",
        message: expect.stringContaining("incoming on-call"),
      });
    }
    const accepted = await ack(incoming);
    expect(accepted.status).toBe(200);
    const acknowledged = (await accepted.json()).handoff as HandoffView;
    expect(acknowledged).toMatchObject({
      id: handoff.id,
      acknowledgedBy: incoming.user.name,
      overdue: false,
    });
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    const repeat = await ack(incoming);
    expect(repeat.status).toBe(200);
    expect((await repeat.json()).handoff.acknowledgedAt).toBe(acknowledged.acknowledgedAt);
    expect((await ack(incoming, randomUUID())).status).toBe(404);
  });

  it("gives the caller a draft prefilled from the schedule and live data", async () => {
    const response = await draftRoute(
      request("GET", "/api/v1/handoffs/draft", { authorization: outgoing.authorization }),
      noParams,
    );
    expect(response.status).toBe(200);
    const draft = (await response.json()) as HandoffDraft;
    expect(draft.outgoing?.id).toBe(outgoing.user.id);
    expect(Date.parse(draft.windowEnd) - Date.parse(draft.windowStart)).toBe(86_400_000);
    expect(new Date(draft.windowStart).toISOString().slice(11)).toBe("09:00:00.000Z");
    expect(draft.people.map((person) => person.id)).toContain(incoming.user.id);
    expect(draft.snapshot).toMatchObject({
      services: expect.any(Array),
      incidents: expect.any(Array),
      deploys: expect.any(Array),
    });
  });

  it("reads the schedule as anyone and changes it as an admin, with 409 on a stale version and 422 on nonsense", async () => {
    await db.handoffSchedule.deleteMany({ where: { id: handoffScheduleId } });
    const read = await getScheduleRoute(
      request("GET", "/api/v1/handoffs/schedule", { authorization: viewer.authorization }),
      noParams,
    );
    expect(await read.json()).toEqual({
      cadence: "daily",
      hourUtc: 9,
      minuteUtc: 0,
      weekday: 1,
      version: 1,
    });
    const put = (body: unknown) =>
      putScheduleRoute(
        request("PUT", "/api/v1/handoffs/schedule", { authorization: admin.authorization, body }),
        noParams,
      );
    const saved = await put({
      cadence: "weekly",
      hourUtc: 7,
      minuteUtc: 15,
      weekday: 5,
      version: 1,
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({
      cadence: "weekly",
      hourUtc: 7,
      minuteUtc: 15,
      weekday: 5,
      version: 2,
    });
    const stale = await put({ cadence: "daily", hourUtc: 9, version: 1 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.details.current).toMatchObject({
      version: 2,
      cadence: "weekly",
    });
    const invalid = await put({ cadence: "monthly", hourUtc: 9, weekday: 9, version: 2 });
    expect(invalid.status).toBe(422);
    expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual(["cadence", "weekday"]);
  });
});
