import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { type AppError } from "@/lib/errors";
import type { CheckOutcome } from "@/lib/health/check";
import { createService } from "@/lib/services/mutations";
import { recordOutcomes } from "@/lib/health/record";
import { getIncident, listTimeline } from "@/lib/incidents/data";
import {
  appendTimelineEntry,
  declareIncident,
  postStatusUpdate,
  runTimelineCommand,
  startPostmortemDraft,
  updateIncident,
} from "@/lib/incidents/mutations";
import type { DeclareIncidentInput, TimelineEntryView } from "@/lib/incidents/types";
import { businessDeadline } from "@/lib/time/business-days";
import { checkOutcome, makeUser, refusal } from "@/test/fixtures";
import { setUserDisabled } from "@/lib/users/data";

let responder: Actor;
let otherResponder: Actor;

beforeAll(async () => {
  responder = await makeUser("responder", "scribe");
  otherResponder = await makeUser("responder", "editor");
});

function declare(actor: Actor, input: Partial<DeclareIncidentInput> = {}) {
  return declareIncident(actor, {
    title: `Studio login fails ${randomUUID().slice(0, 6)}`,
    severity: "sev2",
    ...input,
  });
}

async function entriesOf(incidentId: string) {
  return db.timelineEntry.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
}

describe("appending to one timeline from many writers: nothing lost, nothing duplicated", () => {
  it(
    "stores every entry exactly once under 50 concurrent writers that also retry their own entries",
    { timeout: 180_000 },
    async () => {
      const { incident } = await declare(responder);
      const writers = 50;
      const entriesPerWriter = 20;
      const run = randomUUID().slice(0, 8);
      type Call = { key: string; entry: TimelineEntryView; created: boolean };
      const append = async (key: string, body: string): Promise<Call> => ({
        key,
        ...(await appendTimelineEntry(responder, incident.id, { body, idempotencyKey: key })),
      });

      const results = await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          const calls: Call[] = [];
          for (let index = 0; index < entriesPerWriter; index++) {
            const key = `c1-${run}-w${writer}-e${index}`;
            const body = `writer ${writer} entry ${index}`;
            // Every fourth entry is sent twice at once, as a client whose first request timed out would.
            calls.push(
              ...(await Promise.all(
                index % 4 === 0 ? [append(key, body), append(key, body)] : [append(key, body)],
              )),
            );
          }
          for (const index of [1, 9, 17])
            calls.push(
              await append(`c1-${run}-w${writer}-e${index}`, `writer ${writer} entry ${index}`),
            );
          return calls;
        }),
      );
      const calls = results.flat();

      const stored = await db.timelineEntry.findMany({
        where: { incidentId: incident.id, kind: "note" },
        select: { id: true, idempotencyKey: true, body: true },
      });
      expect(stored).toHaveLength(writers * entriesPerWriter);
      const storedByKey = new Map(stored.map((row) => [row.idempotencyKey, row]));
      expect(storedByKey.size).toBe(writers * entriesPerWriter);
      expect(new Set(stored.map((row) => row.id)).size).toBe(stored.length);

      const callsByKey = new Map<string, Call[]>();
      for (const call of calls)
        callsByKey.set(call.key, [...(callsByKey.get(call.key) ?? []), call]);
      expect(callsByKey.size).toBe(writers * entriesPerWriter);
      for (const [key, sameKey] of callsByKey) {
        const row = storedByKey.get(key);
        expect(row, key).toBeDefined();
        // Each key made one entry; every other call with it answered that same entry.
        expect(sameKey.filter((call) => call.created)).toHaveLength(1);
        for (const call of sameKey) {
          expect(call.entry.id).toBe(row?.id.toString());
          expect(call.entry.body).toBe(row?.body);
        }
      }
      const replays = calls.filter((call) => !call.created);
      expect(replays).toHaveLength(writers * (entriesPerWriter / 4 + 3));

      // The timeline reads back as one total order: (occurredAt, id) descending, each entry once.
      const seen: TimelineEntryView[] = [];
      let before: string | undefined;
      do {
        const page = await listTimeline(incident.id, { before, limit: 200 });
        seen.push(...page.entries);
        before = page.nextBefore ?? undefined;
      } while (before);
      expect(seen).toHaveLength(writers * entriesPerWriter + 1);
      expect(new Set(seen.map((entry) => entry.id)).size).toBe(seen.length);
      for (let index = 1; index < seen.length; index++) {
        const newer = seen[index - 1] as TimelineEntryView;
        const older = seen[index] as TimelineEntryView;
        const order =
          newer.occurredAt === older.occurredAt
            ? BigInt(newer.id) > BigInt(older.id)
            : newer.occurredAt > older.occurredAt;
        expect(order, `${newer.id} before ${older.id}`).toBe(true);
      }
    },
  );
});

describe("editing an incident with a stale version", () => {
  it("refuses the second of two editors who read the same version with 409 and the current incident", async () => {
    const { incident } = await declare(responder, { title: "Absorb returns 502" });
    const seen = incident.version;
    const first = await updateIncident(responder, incident.id, {
      version: seen,
      status: "identified",
      title: "Absorb 502: database pool exhausted",
    });
    expect(first).toMatchObject({
      status: "identified",
      title: "Absorb 502: database pool exhausted",
      version: seen + 1,
    });

    const conflict = await refusal(
      updateIncident(otherResponder, incident.id, {
        version: seen,
        status: "mitigated",
        title: "Absorb down",
      }),
    );
    expect(conflict.code).toBe("conflict");
    expect(conflict.message).toMatch(/you saw version 1, it is now at 2/);
    expect(conflict.details?.current).toMatchObject({
      id: incident.id,
      status: "identified",
      title: "Absorb 502: database pool exhausted",
      version: seen + 1,
    });

    const row = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(row).toMatchObject({
      status: "identified",
      title: "Absorb 502: database pool exhausted",
      version: seen + 1,
      mitigatedAt: null,
    });
    const entries = await entriesOf(incident.id);
    expect(entries.filter((entry) => entry.kind === "status_change")).toHaveLength(1);
    expect(entries.filter((entry) => entry.kind === "field_change")).toHaveLength(1);
    expect(entries.some((entry) => entry.body.includes("Absorb down"))).toBe(false);
  });

  it("lets exactly one of several concurrent editors of one version through", async () => {
    const { incident } = await declare(responder);
    const outcomes = await Promise.allSettled(
      (["sev1", "sev3", "sev1", "sev3", "sev1"] as const).map((severity) =>
        updateIncident(responder, incident.id, { version: incident.version, severity }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === "rejected") expect((outcome.reason as AppError).code).toBe("conflict");
    const row = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(row.version).toBe(incident.version + 1);
    expect(
      await db.timelineEntry.count({ where: { incidentId: incident.id, kind: "severity_change" } }),
    ).toBe(1);
  });
});

describe("declaring with an idempotency key", () => {
  it("makes one incident for the same key, sent twice or ten times at once; different keys make different ones", async () => {
    const key = `declare-${randomUUID()}`;
    const first = await declare(responder, { idempotencyKey: key });
    const again = await declare(responder, { idempotencyKey: key, title: first.incident.title });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({
      created: false,
      incident: { id: first.incident.id, title: first.incident.title },
    });

    const concurrentKey = `declare-${randomUUID()}`;
    const concurrentTitle = `Studio login fails ${randomUUID().slice(0, 6)}`;
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () =>
        declare(responder, { idempotencyKey: concurrentKey, title: concurrentTitle }),
      ),
    );
    expect(await db.incident.count({ where: { idempotencyKey: concurrentKey } })).toBe(1);
    expect(new Set(concurrent.map((result) => result.incident.id)).size).toBe(1);
    expect(concurrent.filter((result) => result.created)).toHaveLength(1);
    const winner = concurrent[0]?.incident.id as string;
    expect(await db.timelineEntry.count({ where: { incidentId: winner, kind: "declared" } })).toBe(
      1,
    );

    const other = await declare(responder, { idempotencyKey: `declare-${randomUUID()}` });
    expect(new Set([first.incident.id, winner, other.incident.id]).size).toBe(3);
  });

  it("refuses a reused key with a different request (409) or from someone else (422), instead of answering with the first incident", async () => {
    const key = `declare-${randomUUID()}`;
    const title = `Checkout 502s ${randomUUID().slice(0, 6)}`;
    const first = await declare(responder, {
      idempotencyKey: key,
      title,
      summary: "Checkout answers 502",
    });

    // Key order and the key moving between header and body do not make it a different request.
    const retried = await declareIncident(responder, {
      summary: "Checkout answers 502",
      idempotencyKey: key,
      severity: "sev2",
      title,
    });
    expect(retried).toMatchObject({ created: false, incident: { id: first.incident.id } });

    const differentBody = await refusal(
      declare(responder, { idempotencyKey: key, title, summary: "Search is down" }),
    );
    expect(differentBody.code).toBe("conflict");
    expect(differentBody.message).toMatch(/used for a different request/);
    expect(JSON.stringify(differentBody)).not.toContain(first.incident.id);

    const someoneElse = await refusal(
      declare(otherResponder, { idempotencyKey: key, title, summary: "Checkout answers 502" }),
    );
    expect(someoneElse.code).toBe("validation_failed");
    expect(someoneElse.fields?.idempotencyKey?.[0]).toMatch(/already used by someone else/);
    expect(JSON.stringify(someoneElse)).not.toContain(first.incident.id);

    expect(await db.incident.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});

describe("resolving", () => {
  it("refuses to resolve without a root cause and changes nothing", async () => {
    const { incident } = await declare(responder, { severity: "sev1" });
    const before = await entriesOf(incident.id);
    const error = await refusal(
      updateIncident(responder, incident.id, { version: incident.version, status: "resolved" }),
    );
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fields ?? {})).toEqual(["rootCause"]);
    const blank = await refusal(
      updateIncident(responder, incident.id, {
        version: incident.version,
        status: "resolved",
        rootCause: "   ",
      }),
    );
    expect(Object.keys(blank.fields ?? {})).toEqual(["rootCause"]);
    const row = await db.incident.findUniqueOrThrow({
      where: { id: incident.id },
      include: { postmortem: true },
    });
    expect(row).toMatchObject({
      status: "investigating",
      version: incident.version,
      resolvedAt: null,
      mitigatedAt: null,
      postmortem: null,
    });
    expect(await entriesOf(incident.id)).toEqual(before);
  });

  it("resolves a SEV1 with a root cause, drafts a required postmortem due in 5 business days, and reopens keeping it", async () => {
    const { incident } = await declare(responder, { severity: "sev1" });
    const resolved = await updateIncident(responder, incident.id, {
      version: incident.version,
      status: "resolved",
      rootCause: "Team store fell back to memory after a Railway volume detach",
      followUps: ["Alert on teamStore=memory"],
    });
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.mitigatedAt).toBe(resolved.resolvedAt);
    expect(resolved.identifiedAt).toBe(resolved.resolvedAt);
    expect(resolved.rootCause).toBe("Team store fell back to memory after a Railway volume detach");
    const resolvedAt = new Date(resolved.resolvedAt as string);
    expect(resolved.postmortem).toEqual({
      id: expect.any(String),
      status: "draft",
      required: true,
      dueAt: businessDeadline(resolvedAt, 5).toISOString(),
    });
    const statusEntry = (await entriesOf(incident.id)).find(
      (entry) => entry.kind === "status_change",
    );
    expect(statusEntry?.body).toBe(
      "Resolved. Root cause: Team store fell back to memory after a Railway volume detach",
    );

    const reopened = await updateIncident(responder, incident.id, {
      version: resolved.version,
      status: "investigating",
    });
    expect(reopened).toMatchObject({
      status: "investigating",
      resolvedAt: null,
      postmortem: resolved.postmortem,
    });
    expect(await db.postmortem.count({ where: { incidentId: incident.id } })).toBe(1);

    const again = await updateIncident(responder, incident.id, {
      version: reopened.version,
      status: "resolved",
    });
    expect(again.status).toBe("resolved");
    expect(again.postmortem?.id).toBe(resolved.postmortem?.id);
  });

  it("drafts an optional postmortem with no due date for a SEV2", async () => {
    const { incident } = await declare(responder, { severity: "sev2" });
    const resolved = await updateIncident(responder, incident.id, {
      version: incident.version,
      status: "resolved",
      rootCause: "bad deploy",
    });
    expect(resolved.postmortem).toMatchObject({ required: false, dueAt: null, status: "draft" });
  });

  it("drafts nothing on resolving a SEV3; a draft can still be started by hand", async () => {
    const { incident } = await declare(responder, { severity: "sev3" });
    const resolved = await updateIncident(responder, incident.id, {
      version: incident.version,
      status: "resolved",
      rootCause: "stale cache",
    });
    expect(resolved.postmortem).toBeNull();
    const started = await startPostmortemDraft(responder, incident.id);
    expect(started.postmortem).toMatchObject({ required: false, dueAt: null, status: "draft" });
  });
});

function outcome(serviceId: string, status: "up" | "down", scheduledAt: Date): CheckOutcome {
  return status === "down"
    ? checkOutcome(serviceId, { status, scheduledAt, reason: "connection refused" })
    : checkOutcome(serviceId, {
        status,
        scheduledAt,
        reason: "all checks passed",
        httpStatus: 200,
        latencyMs: 42,
      });
}

describe("health events on an affected service's open incident", () => {
  it("join the timeline once, stop after resolve, and never come from a service not on the incident", async () => {
    const admin = { id: null, label: "vitest" };
    const suffix = randomUUID().slice(0, 6);
    const affected = await createService(admin, {
      name: `incident-affected-${suffix}`,
      baseUrl: "http://93.184.216.34",
      profile: "http",
      environment: "test",
    });
    const bystander = await createService(admin, {
      name: `incident-bystander-${suffix}`,
      baseUrl: "http://93.184.216.34",
      profile: "http",
      environment: "test",
    });
    const { incident } = await declare(responder, { serviceIds: [affected.id] });

    const start = Date.now() - 10 * 60_000;
    const at = (slot: number) => new Date(start + slot * 30_000);
    const failing = [
      outcome(affected.id, "down", at(1)),
      outcome(affected.id, "down", at(2)),
      outcome(bystander.id, "down", at(1)),
      outcome(bystander.id, "down", at(2)),
    ];
    await recordOutcomes(failing);
    const healthEntries = async () =>
      (await entriesOf(incident.id))
        .filter((entry) => entry.kind === "health_event")
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const first = await healthEntries();
    expect(first.map((entry) => (entry.details as { event: string }).event)).toEqual([
      "failing",
      "alerting",
    ]);
    expect(first.map((entry) => entry.occurredAt.getTime())).toEqual([
      at(1).getTime(),
      at(2).getTime(),
    ]);
    for (const entry of first) {
      expect(entry.body.startsWith(`incident-affected-${suffix}: `)).toBe(true);
      expect(entry.details).toMatchObject({ serviceId: affected.id, serviceName: affected.name });
    }
    expect(
      (await entriesOf(incident.id)).some((entry) => entry.body.includes(bystander.name)),
    ).toBe(false);

    expect((await recordOutcomes(failing)).written).toBe(0);
    expect(await healthEntries()).toEqual(first);

    const current = await getIncident(incident.id);
    await updateIncident(responder, incident.id, {
      version: current.version,
      status: "resolved",
      rootCause: "network partition",
    });
    await recordOutcomes([outcome(affected.id, "up", at(3)), outcome(affected.id, "up", at(4))]);
    expect(
      await db.healthEvent.count({
        where: { serviceId: affected.id, kind: { in: ["recovering", "recovered"] } },
      }),
    ).toBe(2);
    expect(await healthEntries()).toEqual(first);
  });
});

describe("timeline entries", () => {
  it("sorts a backdated entry by when it happened and refuses one in the future", async () => {
    const { incident } = await declare(responder);
    const now = await appendTimelineEntry(responder, incident.id, {
      kind: "action",
      body: "Scaled the MCP server to 3 replicas",
    });
    const backdated = await appendTimelineEntry(responder, incident.id, {
      body: "First 502s seen in the Railway logs",
      occurredAt: new Date(Date.now() - 15 * 60_000).toISOString(),
    });
    expect(BigInt(backdated.entry.id)).toBeGreaterThan(BigInt(now.entry.id));
    const page = await listTimeline(incident.id, { limit: 50 });
    expect(page.entries.map((entry) => entry.kind)).toEqual(["action", "declared", "note"]);
    expect(page.entries.at(-1)?.id).toBe(backdated.entry.id);

    const future = await refusal(
      appendTimelineEntry(responder, incident.id, {
        body: "from tomorrow",
        occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    expect(future.code).toBe("validation_failed");
    expect(Object.keys(future.fields ?? {})).toEqual(["occurredAt"]);
    const badTime = await refusal(
      appendTimelineEntry(responder, incident.id, { body: "when?", occurredAt: "yesterday-ish" }),
    );
    expect(Object.keys(badTime.fields ?? {})).toEqual(["occurredAt"]);
    expect(await db.timelineEntry.count({ where: { incidentId: incident.id } })).toBe(3);
  });

  it("records a correction as a new entry pointing at the original, only on the same incident", async () => {
    const { incident } = await declare(responder);
    const { incident: elsewhere } = await declare(responder);
    const original = await appendTimelineEntry(responder, incident.id, {
      body: "Rolled back to v1.4.1",
    });
    const foreign = await appendTimelineEntry(responder, elsewhere.id, {
      body: "Not this incident's entry",
    });

    const refused = await refusal(
      appendTimelineEntry(responder, incident.id, {
        body: "Actually v1.4.0",
        correctsId: foreign.entry.id,
      }),
    );
    expect(refused.code).toBe("validation_failed");
    expect(Object.keys(refused.fields ?? {})).toEqual(["correctsId"]);

    const correction = await appendTimelineEntry(responder, incident.id, {
      body: "Actually v1.4.0",
      correctsId: original.entry.id,
    });
    expect(correction.entry).toMatchObject({ kind: "correction", correctsId: original.entry.id });
    const rows = await entriesOf(incident.id);
    expect(rows.find((row) => row.id.toString() === original.entry.id)?.body).toBe(
      "Rolled back to v1.4.1",
    );
    const page = await listTimeline(incident.id, { limit: 50 });
    expect(page.entries.find((entry) => entry.id === original.entry.id)?.correctedBy).toEqual([
      correction.entry.id,
    ]);
    expect(await db.timelineEntry.count({ where: { incidentId: elsewhere.id } })).toBe(2);
  });

  it("refuses writable kinds it does not know and entries on a missing incident", async () => {
    const { incident } = await declare(responder);
    const kind = await refusal(
      appendTimelineEntry(responder, incident.id, {
        kind: "status_change",
        body: "sneaky",
      } as never),
    );
    expect(Object.keys(kind.fields ?? {})).toEqual(["kind"]);
    const missing = await refusal(
      appendTimelineEntry(responder, randomUUID(), { body: "nobody home" }),
    );
    expect(missing.code).toBe("not_found");
    const notAnId = await refusal(
      appendTimelineEntry(responder, "report", { body: "nobody home" }),
    );
    expect(notAnId.code).toBe("not_found");
  });
});

describe("status updates", () => {
  it("record a communication entry, keep the ETA and workaround current, and replay under the same key", async () => {
    const affected = await createService(
      { id: null, label: "vitest" },
      {
        name: `update-svc-${randomUUID().slice(0, 6)}`,
        baseUrl: "http://93.184.216.34",
        profile: "http",
        environment: "test",
      },
    );
    const { incident } = await declare(responder, { serviceIds: [affected.id] });
    const key = `update-${randomUUID()}`;
    const posted = await postStatusUpdate(responder, incident.id, {
      message: "Studio sign-in fails for some users",
      eta: "30 min",
      workaround: "Use the CLI",
      idempotencyKey: key,
    });
    expect(posted.created).toBe(true);
    expect(posted.entry).toMatchObject({
      kind: "communication",
      body: "Studio sign-in fails for some users",
      details: { affected: affected.name, eta: "30 min", workaround: "Use the CLI" },
    });
    const replay = await postStatusUpdate(responder, incident.id, {
      message: "Studio sign-in fails for some users",
      idempotencyKey: key,
    });
    expect(replay).toMatchObject({ created: false, entry: { id: posted.entry.id } });
    expect(
      await db.timelineEntry.count({ where: { incidentId: incident.id, kind: "communication" } }),
    ).toBe(1);
    expect(await getIncident(incident.id)).toMatchObject({
      eta: "30 min",
      workaround: "Use the CLI",
      version: incident.version + 1,
    });
    const empty = await refusal(postStatusUpdate(responder, incident.id, { message: " " }));
    expect(Object.keys(empty.fields ?? {})).toEqual(["message"]);
  });

  it("posts one update when the same key arrives several times at once", async () => {
    const { incident } = await declare(responder);
    const key = `update-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        postStatusUpdate(responder, incident.id, {
          message: "Degraded: retrying uploads",
          idempotencyKey: key,
        }),
      ),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.entry.id)).size).toBe(1);
    expect(
      await db.timelineEntry.count({ where: { incidentId: incident.id, kind: "communication" } }),
    ).toBe(1);
  });
});

describe("slash commands on the timeline", () => {
  it("assigns the commander with /ic @name, changes severity with /sev, and keeps plain text as a note", async () => {
    const { incident } = await declare(responder);
    const commander = await makeUser("responder", `ic${randomUUID().slice(0, 8)}`);
    const handle = commander.email.split("@")[0] as string;

    const assigned = await runTimelineCommand(responder, incident.id, {
      text: `/ic @${handle}`,
      version: incident.version,
    });
    expect(assigned.kind).toBe("incident");
    const afterAssign = assigned.kind === "incident" ? assigned.incident : null;
    expect(afterAssign?.commander.id).toBe(commander.id);
    const roleEntry = (await entriesOf(incident.id)).find((entry) => entry.kind === "role_change");
    expect(roleEntry?.body).toBe(`Incident commander: ${commander.name} (was ${responder.name}).`);

    const stale = await refusal(
      runTimelineCommand(responder, incident.id, { text: "/sev 1", version: incident.version }),
    );
    expect(stale.code).toBe("conflict");
    const raised = await runTimelineCommand(responder, incident.id, {
      text: "/sev 1",
      version: afterAssign?.version ?? 0,
    });
    expect(raised.kind === "incident" && raised.incident.severity).toBe("sev1");

    const note = await runTimelineCommand(responder, incident.id, {
      text: "//ic is not a command here",
      version: 0,
      idempotencyKey: `note-${randomUUID()}`,
    });
    expect(note.kind === "entry" && note.entry).toMatchObject({
      kind: "note",
      body: "/ic is not a command here",
    });

    const unknownPerson = await refusal(
      runTimelineCommand(responder, incident.id, {
        text: "/ic @nobody-by-this-name-at-all",
        version: 3,
      }),
    );
    expect(unknownPerson.fields).toEqual({
      text: ["Nobody who can take an incident role matches @nobody-by-this-name-at-all."],
    });
    const unknownCommand = await refusal(
      runTimelineCommand(responder, incident.id, { text: "/page everyone", version: 3 }),
    );
    expect(Object.keys(unknownCommand.fields ?? {})).toEqual(["text"]);
  });
});

describe("input a person typed", () => {
  const script = "<script>alert(1)</script>";
  const image = `<img src=x onerror="fetch('/api/v1/tokens')">`;

  it("is stored verbatim, never rewritten into or out of HTML", async () => {
    const { incident } = await declare(responder, {
      title: `${script} in the title`,
      summary: image,
    });
    const note = await appendTimelineEntry(responder, incident.id, { body: image });
    const update = await postStatusUpdate(responder, incident.id, {
      message: script,
      workaround: image,
    });
    const row = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(row).toMatchObject({
      title: `${script} in the title`,
      summary: image,
      workaround: image,
    });
    expect(note.entry.body).toBe(image);
    expect(update.entry.body).toBe(script);
    const declared = (await entriesOf(incident.id)).find((entry) => entry.kind === "declared");
    expect(declared?.body).toContain(`${script} in the title`);
  });
});

describe("validation on declare", () => {
  it("names every field that is wrong and writes nothing", async () => {
    const before = await db.incident.count();
    const bad = await refusal(
      declareIncident(responder, { title: "  ", severity: "sev9", serviceIds: ["not-a-uuid"] }),
    );
    expect(bad.code).toBe("validation_failed");
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["serviceIds.0", "severity", "title"]);

    const missingService = await refusal(declare(responder, { serviceIds: [randomUUID()] }));
    expect(Object.keys(missingService.fields ?? {})).toEqual(["serviceIds"]);

    const viewer = await makeUser("viewer");
    const disabled = await makeUser("responder", "disabled");
    await setUserDisabled({ id: null, label: "vitest" }, { userId: disabled.id, disabled: true });
    const roles = await refusal(
      declare(responder, {
        commanderId: viewer.id,
        scribeId: disabled.id,
        commsLeadId: randomUUID(),
      }),
    );
    expect(roles.fields).toEqual({
      commanderId: ["Incident roles need the responder role or above."],
      scribeId: ["That user is disabled."],
      commsLeadId: ["No such user."],
    });
    expect(await db.incident.count()).toBe(before);
  });

  it("takes SEV1, 'sev 2' and 3 as severities", async () => {
    for (const [typed, severity] of [
      ["SEV1", "sev1"],
      ["sev 2", "sev2"],
      ["3", "sev3"],
    ] as const) {
      expect((await declare(responder, { severity: typed })).incident.severity).toBe(severity);
    }
  });
});
