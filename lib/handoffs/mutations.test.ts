import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { startBoardFixture, testKey, type BoardFixture } from "@/test/board";
import { db } from "@/lib/db";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import { createService } from "@/lib/services/mutations";
import {
  getHandoff,
  getHandoffDraft,
  getHandoffPostings,
  getHandoffSchedule,
  handoffScheduleId,
  listEscalationContacts,
  getOnCallNow,
  listHandoffs,
} from "@/lib/handoffs/data";
import {
  acknowledgeHandoff,
  createEscalationContact,
  createHandoff,
  deleteEscalationContact,
  updateEscalationContact,
  updateHandoffSchedule,
} from "@/lib/handoffs/mutations";
import { renderHandoffText } from "@/lib/handoffs/render";
import type { CreateHandoffInput } from "@/lib/handoffs/types";
import { declareIncident, updateIncident } from "@/lib/incidents/mutations";
import { OutboxDeliverer } from "@/lib/notifications/deliverer";
import { createWebhook, deleteWebhook } from "@/lib/notifications/data";
import type { HandoffNotification } from "@/lib/notifications/types";
import { startReceiver, waitFor, type Receiver } from "@/test/webhook-receiver";
import { loadAllowRules } from "@/lib/outbound/policy";
import { makeUser, refusal } from "@/test/fixtures";

let admin: Actor;
let outgoing: Actor;
let incoming: Actor;
let bystander: Actor;
let viewer: Actor;
const webhookIds: string[] = [];

beforeAll(async () => {
  admin = await makeUser("admin", "handoff-admin");
  outgoing = await makeUser("responder", "handoff-outgoing");
  incoming = await makeUser("responder", "handoff-incoming");
  bystander = await makeUser("lead", "handoff-bystander");
  viewer = await makeUser("viewer", "handoff-viewer");
});

afterAll(async () => {
  // Later test files must not find these webhooks subscribed to their events.
  for (const id of webhookIds) await deleteWebhook(admin, id).catch(() => undefined);
});

const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function handoffInput(overrides: Partial<CreateHandoffInput> = {}): CreateHandoffInput {
  const start = Date.now() + hour;
  return {
    windowStart: iso(start),
    windowEnd: iso(start + 24 * hour),
    outgoingId: outgoing.id,
    incomingId: incoming.id,
    knownRisks: ["DB migration tonight"],
    escalation: [{ name: "Ada Lovelace", contact: "+44 20 7946 0000" }],
    postToFeed: false,
    ...overrides,
  };
}

async function serviceWithState(
  label: string,
  state: { status: "up" | "degraded" | "down"; reason: string } | null,
  enabled = true,
) {
  const service = await createService(admin, {
    name: `handoff-${label}-${randomUUID().slice(0, 6)}`,
    baseUrl: "http://93.184.216.34",
    profile: "http",
    environment: "production",
    enabled,
  });
  if (state) {
    const data = {
      lastStatus: state.status,
      lastReason: state.reason,
      alertState: state.status === "up" ? ("ok" as const) : ("alerting" as const),
      lastScheduledAt: new Date(),
    };
    await db.serviceState.upsert({
      where: { serviceId: service.id },
      create: { serviceId: service.id, ...data },
      update: data,
    });
  }
  return service;
}

describe("createHandoff", () => {
  it("rebuilds the snapshot on the server from live rows and stores the rendered template", async () => {
    const up = await serviceWithState("up", { status: "up", reason: "HTTP 200" });
    const degraded = await serviceWithState("degraded", {
      status: "degraded",
      reason: "p95 4.2 s over the 3 s SLO",
    });
    const down = await serviceWithState("down", { status: "down", reason: "HTTP 502" });
    const unchecked = await serviceWithState("unchecked", null);
    const disabled = await serviceWithState("disabled", { status: "down", reason: "off" }, false);

    const { incident: open } = await declareIncident(outgoing, {
      title: `Absorb 502s ${randomUUID().slice(0, 6)}`,
      severity: "sev1",
      serviceIds: [down.id],
    });
    const { incident: closed } = await declareIncident(outgoing, {
      title: `Old blip ${randomUUID().slice(0, 6)}`,
      severity: "sev3",
    });
    await updateIncident(outgoing, closed.id, {
      version: closed.version,
      status: "resolved",
      rootCause: "a blip",
    });
    const inFlight = await db.deploy.create({
      data: {
        serviceId: up.id,
        releaseVersion: `v1.2.${Date.now() % 1000}`,
        deployedBy: "ci-bot",
        status: "started",
        startedAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    const finished = await db.deploy.create({
      data: {
        serviceId: up.id,
        commitSha: "abcdef1234567",
        deployedBy: "ci-bot",
        status: "succeeded",
        finishedAt: new Date(),
      },
    });

    const forged = {
      services: [
        {
          id: "x",
          name: "FORGED",
          environment: "production",
          status: "up",
          alertState: "ok",
          reason: null,
        },
      ],
      incidents: [],
      deploys: [],
      generatedAt: "",
    };
    const { handoff, created } = await createHandoff(outgoing, {
      ...handoffInput({ manualDeploys: ["Studio hotfix by hand"] }),
      snapshot: forged,
      text: "forged text",
    } as never);
    expect(created).toBe(true);

    const services = new Map(handoff.snapshot.services.map((service) => [service.id, service]));
    expect(services.get(up.id)).toMatchObject({ status: "up", reason: null });
    expect(services.get(degraded.id)).toMatchObject({
      status: "degraded",
      reason: "p95 4.2 s over the 3 s SLO",
      alertState: "alerting",
    });
    expect(services.get(down.id)).toMatchObject({ status: "down", reason: "HTTP 502" });
    expect(services.get(unchecked.id)).toMatchObject({ status: "unknown", reason: null });
    expect(services.has(disabled.id)).toBe(false);
    expect(handoff.snapshot.services.some((service) => service.name === "FORGED")).toBe(false);

    const incidentIds = handoff.snapshot.incidents.map((incident) => incident.id);
    expect(incidentIds).toContain(open.id);
    expect(incidentIds).not.toContain(closed.id);
    expect(handoff.snapshot.incidents.find((incident) => incident.id === open.id)).toMatchObject({
      number: open.number,
      severity: "sev1",
      status: "investigating",
      commander: outgoing.name,
      url: expect.stringMatching(new RegExp(`/incidents/${open.id}$`)),
    });
    const deployIds = handoff.snapshot.deploys.map((deploy) => deploy.id);
    expect(deployIds).toContain(inFlight.id);
    expect(deployIds).not.toContain(finished.id);
    expect(handoff.snapshot.deploys.find((deploy) => deploy.id === inFlight.id)).toMatchObject({
      label: inFlight.releaseVersion,
      deployedBy: "ci-bot",
      service: up.name,
      status: "started",
    });

    const expected = renderHandoffText({ ...handoff, snapshot: handoff.snapshot });
    expect(handoff.text).toBe(expected);
    expect(handoff.text).not.toContain("forged");
    expect(handoff.text).toContain(
      `INC-${open.number} SEV1 Investigating “${open.title}” (IC ${outgoing.name})`,
    );
    expect(handoff.text).toContain(`${up.name} ${inFlight.releaseVersion} by ci-bot since `);
    expect(handoff.text).toContain("; Studio hotfix by hand");
    expect(handoff.text).toContain(`${degraded.name} (degraded: p95 4.2 s over the 3 s SLO)`);
    expect(handoff.text).toContain("Known risks: DB migration tonight");
    expect(handoff).toMatchObject({
      outgoing: { id: outgoing.id, name: outgoing.name },
      incoming: { id: incoming.id, name: incoming.name },
      createdBy: outgoing.name,
      acknowledgedAt: null,
      overdue: false,
    });

    const row = await db.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(row.text).toBe(expected);
    expect(
      await db.auditLog.count({
        where: { action: "handoff.create", targetId: handoff.id, actorId: outgoing.id },
      }),
    ).toBe(1);
  });

  it("takes only the services named when some are", async () => {
    const chosen = await serviceWithState("chosen", { status: "degraded", reason: "slow" });
    await serviceWithState("not-chosen", { status: "up", reason: "" });
    const { handoff } = await createHandoff(outgoing, handoffInput({ serviceIds: [chosen.id] }));
    expect(handoff.snapshot.services.map((service) => service.id)).toEqual([chosen.id]);
    expect(handoff.text.split("\n")[1]).toBe(`Services owned: ${chosen.name} (degraded: slow)`);
  });

  it("replays the same idempotency key to the same handoff", async () => {
    const idempotencyKey = `handoff-${randomUUID()}`;
    const first = await createHandoff(outgoing, handoffInput({ idempotencyKey }));
    const again = await createHandoff(
      outgoing,
      handoffInput({ idempotencyKey, knownRisks: ["something else"] }),
    );
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.handoff.id).toBe(first.handoff.id);
    expect(again.handoff.knownRisks).toEqual(["DB migration tonight"]);
    expect(await db.handoff.count({ where: { idempotencyKey } })).toBe(1);
    const racing = await Promise.all(
      [0, 1, 2].map(() =>
        createHandoff(outgoing, handoffInput({ idempotencyKey: `race-${idempotencyKey}` })),
      ),
    );
    expect(new Set(racing.map((result) => result.handoff.id)).size).toBe(1);
    expect(racing.filter((result) => result.created)).toHaveLength(1);
  });

  it("refuses invalid input with 422 and field errors, and writes nothing", async () => {
    const before = await db.handoff.count({ where: { outgoingId: outgoing.id } });
    const fieldsOf = async (input: Record<string, unknown>) => {
      const error = await refusal(createHandoff(outgoing, input as never));
      expect(error.code).toBe("validation_failed");
      return Object.keys(error.fields ?? {});
    };
    const start = Date.now() + hour;
    expect(
      await fieldsOf(handoffInput({ windowStart: iso(start), windowEnd: iso(start - hour) })),
    ).toEqual(["windowEnd"]);
    expect(await fieldsOf(handoffInput({ incomingId: outgoing.id }))).toEqual(["incomingId"]);
    expect(await fieldsOf(handoffInput({ escalation: [] }))).toEqual(["escalation"]);
    expect(
      await fieldsOf(
        handoffInput({ knownRisks: Array.from({ length: 51 }, (_, index) => `risk ${index}`) }),
      ),
    ).toEqual(["knownRisks"]);
    expect(await fieldsOf(handoffInput({ windowStart: "tomorrow-ish" }))).toContain("windowStart");
    expect(await fieldsOf(handoffInput({ incomingId: viewer.id }))).toEqual(["incomingId"]);
    expect(await fieldsOf(handoffInput({ outgoingId: randomUUID() }))).toEqual(["outgoingId"]);
    expect(await fieldsOf(handoffInput({ serviceIds: [randomUUID()] }))).toEqual(["serviceIds"]);
    expect(await db.handoff.count({ where: { outgoingId: outgoing.id } })).toBe(before);
  });
});

describe("acknowledgement and the overdue flag", () => {
  it("records the time when the incoming on-call acknowledges; nobody else may; a second time changes nothing", async () => {
    const { handoff } = await createHandoff(outgoing, handoffInput());
    for (const someoneElse of [outgoing, bystander, admin]) {
      const error = await refusal(acknowledgeHandoff(someoneElse, handoff.id));
      expect(error.code).toBe("forbidden");
      expect(error.message).toContain(incoming.name);
    }
    expect((await getHandoff(handoff.id)).acknowledgedAt).toBeNull();

    const before = Date.now();
    const acknowledged = await acknowledgeHandoff(incoming, handoff.id);
    expect(acknowledged.acknowledgedBy).toBe(incoming.name);
    const at = Date.parse(acknowledged.acknowledgedAt ?? "");
    expect(at).toBeGreaterThanOrEqual(before - 1_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1_000);

    const again = await acknowledgeHandoff(incoming, handoff.id);
    expect(again.acknowledgedAt).toBe(acknowledged.acknowledgedAt);
    expect(
      await db.auditLog.count({ where: { action: "handoff.acknowledge", targetId: handoff.id } }),
    ).toBe(1);
    expect((await refusal(acknowledgeHandoff(incoming, randomUUID()))).code).toBe("not_found");
    expect((await refusal(acknowledgeHandoff(incoming, "not-an-id"))).code).toBe("not_found");
  });

  it("flags a handoff not acknowledged once its window has started, and only then", async () => {
    const start = Date.now() - hour;
    const { handoff: late } = await createHandoff(
      outgoing,
      handoffInput({ windowStart: iso(start), windowEnd: iso(start + 24 * hour) }),
    );
    expect(late.overdue).toBe(true);
    expect((await getHandoff(late.id)).overdue).toBe(true);
    expect((await getHandoff(late.id, new Date(start - 60_000))).overdue).toBe(false);
    const { handoffs } = await listHandoffs({ q: `HO-${late.number}` });
    expect(handoffs.find((item) => item.id === late.id)?.overdue).toBe(true);

    const { handoff: ahead } = await createHandoff(outgoing, handoffInput());
    expect(ahead.overdue).toBe(false);
    expect(
      (await getHandoff(ahead.id, new Date(Date.parse(ahead.windowStart) + 60_000))).overdue,
    ).toBe(true);

    await acknowledgeHandoff(incoming, late.id);
    expect((await getHandoff(late.id)).overdue).toBe(false);
  });
});

describe("reading handoffs", () => {
  it("getOnCallNow is the incoming of the latest handoff whose window holds now", async () => {
    const other = await makeUser("responder", "handoff-next");
    // Windows far from any other test's, so only these count.
    const day1 = Date.parse("2031-03-03T09:00:00Z");
    const { handoff: first } = await createHandoff(
      outgoing,
      handoffInput({ windowStart: iso(day1), windowEnd: iso(day1 + 24 * hour) }),
    );
    const { handoff: second } = await createHandoff(
      incoming,
      handoffInput({
        outgoingId: incoming.id,
        incomingId: other.id,
        windowStart: iso(day1 + 24 * hour),
        windowEnd: iso(day1 + 48 * hour),
      }),
    );
    expect(await getOnCallNow(new Date(day1 + 3 * hour))).toEqual({
      person: { id: incoming.id, name: incoming.name },
      source: "handoff",
      reason: `handoff #${first.number}`,
      until: first.windowEnd,
      handoff: { id: first.id, number: first.number, acknowledged: false },
      shift: null,
    });
    await acknowledgeHandoff(other, second.id);
    expect(await getOnCallNow(new Date(day1 + 25 * hour))).toMatchObject({
      handoff: { id: second.id, acknowledged: true },
      person: { id: other.id },
    });
    expect((await getOnCallNow(new Date(day1 + 49 * hour))).handoff).toBeNull();
    expect(await getOnCallNow(new Date(day1 - 1))).toMatchObject({
      handoff: null,
      until: iso(day1),
    });
  });

  it("searches text, names, risks and notes; pages newest window first", async () => {
    const word = `zebra${randomUUID().slice(0, 6)}`;
    const named = await makeUser("responder", `handoff-${word}`);
    const { handoff: byRisk } = await createHandoff(
      outgoing,
      handoffInput({ knownRisks: [`Cache ${word} eviction storm`] }),
    );
    const { handoff: byName } = await createHandoff(
      outgoing,
      handoffInput({ incomingId: named.id }),
    );
    const { handoff: byNotes } = await createHandoff(
      outgoing,
      handoffInput({ notes: `Remember the ${word.toUpperCase()} runbook` }),
    );
    await createHandoff(outgoing, handoffInput({ knownRisks: ["nothing to see"] }));

    const ids = async (q: string) =>
      (await listHandoffs({ q })).handoffs.map((handoff) => handoff.id);
    expect((await ids(word)).sort()).toEqual([byRisk.id, byName.id, byNotes.id].sort());
    expect(await ids(`${word} eviction`)).toEqual([byRisk.id]);
    expect(await ids(named.name)).toEqual([byName.id]);
    expect(await ids(`HO-${byNotes.number}`)).toEqual([byNotes.id]);
    expect(await ids(`nothing-${randomUUID()}`)).toEqual([]);

    const first = await listHandoffs({ q: word, limit: 2 });
    expect(first.handoffs).toHaveLength(2);
    expect(first.nextBefore).toBe(first.handoffs[1]?.number);
    const second = await listHandoffs({ q: word, limit: 2, before: first.nextBefore ?? undefined });
    expect(second.handoffs).toHaveLength(1);
    expect(second.nextBefore).toBeNull();
    const all = [...first.handoffs, ...second.handoffs];
    expect(new Set(all.map((handoff) => handoff.id)).size).toBe(3);
    const starts = all.map((handoff) => Date.parse(handoff.windowStart));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });

  it("getHandoff answers 404 for an unknown or malformed id", async () => {
    expect((await refusal(getHandoff(randomUUID()))).message).toBe("The handoff was not found.");
    expect((await refusal(getHandoff("HO-1"))).code).toBe("not_found");
  });
});

describe("schedule, escalation contacts and the draft", () => {
  afterEach(async () => {
    await db.handoffSchedule.deleteMany({ where: { id: handoffScheduleId } });
  });

  it("the schedule is daily at 09:00 UTC until set; a stale version is refused with the current one", async () => {
    await db.handoffSchedule.deleteMany({ where: { id: handoffScheduleId } });
    expect(await getHandoffSchedule()).toEqual({
      cadence: "daily",
      hourUtc: 9,
      minuteUtc: 0,
      weekday: 1,
      version: 1,
    });
    const saved = await updateHandoffSchedule(admin, {
      cadence: "weekly",
      hourUtc: 8,
      minuteUtc: 30,
      weekday: 1,
      version: 1,
    });
    expect(saved).toEqual({ cadence: "weekly", hourUtc: 8, minuteUtc: 30, weekday: 1, version: 2 });
    const stale = await refusal(
      updateHandoffSchedule(admin, { cadence: "daily", hourUtc: 9, version: 1 }),
    );
    expect(stale.code).toBe("conflict");
    expect(stale.details?.current).toEqual(saved);
    const invalid = await refusal(
      updateHandoffSchedule(admin, { cadence: "hourly", hourUtc: 24, version: 2 } as never),
    );
    expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(["cadence", "hourUtc"]);
    expect(
      await db.auditLog.count({ where: { actorId: admin.id, action: "handoff.schedule_update" } }),
    ).toBe(1);

    // 2026-11-30 is a Monday: at 08:00 the 08:30 change that morning is nearest.
    const draft = await getHandoffDraft(outgoing, new Date("2026-11-30T08:00:00Z"));
    expect([draft.windowStart, draft.windowEnd]).toEqual([
      "2026-11-30T08:30:00.000Z",
      "2026-12-07T08:30:00.000Z",
    ]);
  });

  it("contacts keep their order; the draft starts with the caller, the live snapshot and the first contact", async () => {
    const suffix = randomUUID().slice(0, 6);
    const first = await createEscalationContact(admin, {
      name: `Ada ${suffix}`,
      contact: "+44 20 7946 0000",
      role: "Engineering lead",
      position: 0,
    });
    const appended = await createEscalationContact(admin, {
      name: `Grace ${suffix}`,
      contact: "@grace",
    });
    expect(appended.position).toBeGreaterThan(first.position);
    const renamed = await updateEscalationContact(admin, appended.id, { contact: "@grace.hopper" });
    expect(renamed).toEqual({ ...appended, contact: "@grace.hopper" });
    expect(
      (await refusal(updateEscalationContact(admin, appended.id, { name: "" }))).fields,
    ).toHaveProperty("name");
    const contacts = await listEscalationContacts();
    expect(contacts.findIndex((contact) => contact.id === first.id)).toBeLessThan(
      contacts.findIndex((contact) => contact.id === appended.id),
    );

    const { incident } = await declareIncident(outgoing, {
      title: `Draft incident ${suffix}`,
      severity: "sev2",
    });
    const draft = await getHandoffDraft(outgoing, new Date("2026-11-28T08:50:00Z"));
    expect([draft.windowStart, draft.windowEnd]).toEqual([
      "2026-11-28T09:00:00.000Z",
      "2026-11-29T09:00:00.000Z",
    ]);
    expect(draft.outgoing).toEqual({ id: outgoing.id, name: outgoing.name, email: outgoing.email });
    expect(draft.people.map((person) => person.id)).toEqual(
      expect.arrayContaining([outgoing.id, incoming.id]),
    );
    expect(draft.people.map((person) => person.id)).not.toContain(viewer.id);
    // Several other responders: nobody is obviously next.
    expect(draft.incoming).toBeNull();
    expect(draft.snapshot.incidents.map((line) => line.id)).toContain(incident.id);
    expect(draft.contacts).toEqual(contacts);
    const [top] = contacts;
    expect(draft.escalation).toEqual(top ? [{ name: top.name, contact: top.contact }] : []);
    expect((await getHandoffDraft(viewer)).outgoing).toBeNull();

    await deleteEscalationContact(admin, appended.id);
    await deleteEscalationContact(admin, first.id);
    expect((await listEscalationContacts()).map((contact) => contact.id)).not.toContain(first.id);
    expect((await refusal(deleteEscalationContact(admin, first.id))).code).toBe("not_found");
    expect(
      await db.auditLog.count({
        where: {
          actorId: admin.id,
          action: { startsWith: "escalation_contact." },
          targetId: appended.id,
        },
      }),
    ).toBe(3);
  });
});

describe("notifications: webhooks and the HoloMesh team feed", () => {
  let fixture: BoardFixture;
  let receiver: Receiver;
  let receiverRuleId: string;
  let deliverer: OutboxDeliverer | null = null;

  beforeAll(async () => {
    fixture = await startBoardFixture();
    receiver = await startReceiver();
    receiverRuleId = (
      await addAllowRule(admin, {
        rule: `127.0.0.1:${receiver.port}`,
        note: "handoff webhook tests",
      })
    ).id;
  });

  afterAll(async () => {
    await deliverer?.stop();
    await removeAllowRule(admin, receiverRuleId);
    await receiver.close();
    await fixture.close();
  });

  async function webhook(
    events: string[],
    format: "generic" | "slack" = "generic",
    path = `/hook/${randomUUID()}`,
  ) {
    const created = await createWebhook(admin, {
      name: `handoff hook ${randomUUID().slice(0, 8)}`,
      url: receiver.url(path),
      format,
      events: events as never,
    });
    webhookIds.push(created.id);
    return created;
  }

  async function connectedTeam() {
    const teamId = `team_${randomUUID().slice(0, 8)}`;
    const ownerKey = testKey("handoff-owner");
    fixture.simulator.addKey(ownerKey, "Founder");
    fixture.simulator.addTeam({
      id: teamId,
      name: "Handoff team",
      ownerKey,
      memberKeys: [],
      mode: "build",
    });
    await fixture.connect(teamId, ownerKey);
    return { teamId, ownerKey };
  }

  const rowsFor = (eventKey: string) =>
    db.outboxDelivery.findMany({ where: { eventKey }, orderBy: { id: "asc" } });

  it("queues handoff.created for webhooks subscribed to it (or to everything), and for the feed when asked", async () => {
    const subscribed = await webhook(["handoff.created"]);
    const everything = await webhook([]);
    const elsewhere = await webhook(["incident.declared"]);
    const { teamId } = await connectedTeam();

    const { handoff } = await createHandoff(
      outgoing,
      handoffInput({ postToFeed: true, knownRisks: ["<!channel> risk"] }),
    );
    const rows = await rowsFor(`handoff:${handoff.id}:created`);
    const destinations = rows.map((row) => row.destination);
    expect(destinations).toEqual(
      expect.arrayContaining([
        `webhook:${subscribed.id}`,
        `webhook:${everything.id}`,
        `holomesh:${teamId}`,
      ]),
    );
    expect(destinations).not.toContain(`webhook:${elsewhere.id}`);
    for (const row of rows) expect(row.event).toBe("handoff.created");
    const payload = rows[0]?.payload as unknown as HandoffNotification;
    expect(payload).toMatchObject({
      event: "handoff.created",
      actor: outgoing.name,
      handoff: {
        id: handoff.id,
        number: handoff.number,
        outgoing: outgoing.name,
        incoming: incoming.name,
        text: handoff.text,
        url: expect.stringMatching(new RegExp(`/handoffs/${handoff.id}$`)),
      },
    });

    const { handoff: quiet } = await createHandoff(outgoing, handoffInput({ postToFeed: false }));
    const quietDestinations = (await rowsFor(`handoff:${quiet.id}:created`)).map(
      (row) => row.destination,
    );
    expect(quietDestinations).toContain(`webhook:${subscribed.id}`);
    expect(quietDestinations.filter((destination) => destination.startsWith("holomesh:"))).toEqual(
      [],
    );
    // What the handoff page says about where it went.
    const webhookCount = (list: string[]) =>
      list.filter((destination) => destination.startsWith("webhook:")).length;
    expect(await getHandoffPostings(handoff.id)).toEqual({
      webhooks: webhookCount(destinations),
      feed: true,
    });
    expect(await getHandoffPostings(quiet.id)).toEqual({
      webhooks: webhookCount(quietDestinations),
      feed: false,
    });
    expect(webhookCount(quietDestinations)).toBeGreaterThanOrEqual(2);

    for (const id of [subscribed.id, everything.id, elsewhere.id]) await deleteWebhook(admin, id);
  });

  it("delivers: the team feed gets a `handoff` message with the text, a Slack webhook the text in a code block", async () => {
    const slack = await webhook(["handoff.created"], "slack", "/handoff/slack");
    const { teamId, ownerKey } = await connectedTeam();
    const logs: string[] = [];
    deliverer = new OutboxDeliverer({
      pollMs: 100,
      log: (message) => logs.push(message),
      loadRules: () => loadAllowRules({ fresh: true }),
      timeoutMs: 2_000,
    });
    deliverer.start();

    const { handoff } = await createHandoff(
      outgoing,
      handoffInput({
        postToFeed: true,
        knownRisks: ["<!channel> deploy freeze", "```"],
        notes: "<script>x</script>",
      }),
    );
    const eventKey = `handoff:${handoff.id}:created`;
    await waitFor(
      async () => (await rowsFor(eventKey)).filter((row) => row.status !== "pending").length >= 2,
      8_000,
      "the handoff deliveries",
    );
    const rows = await rowsFor(eventKey);
    expect(rows.find((row) => row.destination === `holomesh:${teamId}`)).toMatchObject({
      status: "delivered",
      lastHttpStatus: 200,
    });
    expect(rows.find((row) => row.webhookId === slack.id)).toMatchObject({ status: "delivered" });

    const messages = fixture.simulator.team(teamId).messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: "handoff", content: handoff.text });

    const request = receiver.requests.find((candidate) => candidate.path === "/handoff/slack");
    expect(request?.headers["x-vigil-event"]).toBe("handoff.created");
    const body = JSON.parse(request?.body ?? "{}") as {
      text: string;
      blocks: { type: string; text?: { text: string } }[];
    };
    // Long texts (every service of the shared test database) are split over several code-block sections.
    const codeSections = body.blocks
      .map((block) => block.text?.text ?? "")
      .filter((text) => text.startsWith("```"));
    const code = codeSections.join("\n");
    expect(codeSections[0]?.startsWith("```\nWindow: ")).toBe(true);
    expect(code).toContain("Known risks: &lt;!channel&gt; deploy freeze; `\u200b`\u200b`");
    expect(code).toContain("Notes: &lt;script&gt;x&lt;/script&gt;");
    expect(request?.body).not.toMatch(/<!channel>|<script>/);
    expect(logs.join("\n")).not.toContain(ownerKey);

    await deliverer.stop();
    deliverer = null;
  });
});
