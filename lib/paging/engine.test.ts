import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createDb, db, type Db } from "@/lib/db";
import { databaseUrl, type SmtpConfig } from "@/lib/env";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import { recordOutcomes } from "@/lib/health/record";
import type { HealthStatus } from "@/lib/health/types";
import { OutboxDeliverer } from "@/lib/notifications/deliverer";
import {
  startReceiver,
  waitFor,
  type ReceivedRequest,
  type Receiver,
} from "@/test/webhook-receiver";
import { subscribePageChanges, type PageChange } from "@/lib/live/bus";
import { ackPage } from "@/lib/paging/data";
import { Pager, pageEventKey, serviceOpenKey, type PagerOptions } from "@/lib/paging/engine";
import type { EscalationLevel } from "@/lib/paging/types";
import { checkOutcome, makeUser } from "@/test/fixtures";
import {
  closedPort as unusedPort,
  startSmtpReceiver,
  type SmtpReceiver,
} from "@/test/smtp-receiver";

const minute = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tag = randomBytes(3).toString("hex");

let admin: Actor;
let webhook: Receiver;
let ntfy: Receiver;
let failing: Receiver;
let smtp: SmtpReceiver;
let closedPort: number;
const ruleIds: string[] = [];
const running: Array<{ stop(): Promise<void> }> = [];
const extraDbs: Db[] = [];
/** How far the pagers' clock runs ahead of the real one: escalation delays pass without waiting for them. */
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

const smtpUp = (): SmtpConfig => ({
  url: `smtp://127.0.0.1:${smtp.port}`,
  from: "Vigil <vigil@vigil.test>",
});
const smtpDown = (): SmtpConfig => ({
  url: `smtp://127.0.0.1:${closedPort}`,
  from: "Vigil <vigil@vigil.test>",
});

beforeAll(async () => {
  admin = await makeUser("admin", "paging-admin");
  webhook = await startReceiver();
  ntfy = await startReceiver();
  failing = await startReceiver();
  closedPort = await unusedPort();
  smtp = await startSmtpReceiver();
  for (const port of [webhook.port, ntfy.port, failing.port, closedPort]) {
    ruleIds.push(
      (await addAllowRule(admin, { rule: `127.0.0.1:${port}`, note: "paging tests" })).id,
    );
  }
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.stop()));
});

afterAll(async () => {
  // This file's services stay broken: removed, so a monitor started by a later test file does not page them.
  await db.service.deleteMany({ where: { environment: `paging-${tag}` } });
  for (const id of ruleIds) await removeAllowRule(admin, id);
  await Promise.all(extraDbs.map((client) => client.$disconnect()));
  await Promise.all([webhook.close(), ntfy.close(), failing.close()]);
  await smtp.close();
});

async function person(
  label: string,
  methods: Array<["email" | "webhook" | "ntfy" | "slack", string]>,
) {
  const user = await makeUser("responder", `${label}-${tag}`);
  await db.user.update({ where: { id: user.id }, data: { name: `${label} ${tag}` } });
  const created = [];
  for (const [kind, target] of methods)
    created.push(
      await db.contactMethod.create({
        data: { userId: user.id, kind, target, label: `${label} ${kind}` },
      }),
    );
  return { ...user, name: `${label} ${tag}`, methods: created };
}

async function serviceWithPolicy(label: string, levels: EscalationLevel[], repeat = 0) {
  const policy = await db.escalationPolicy.create({
    data: { name: `paging ${label} ${tag}`, levels, repeat },
  });
  return db.service.create({
    data: {
      name: `${label}-${tag}`,
      environment: `paging-${tag}`,
      baseUrl: "http://127.0.0.1:9",
      profile: "http",
      intervalSeconds: 10,
      failureThreshold: 2,
      recoveryThreshold: 2,
      escalationPolicyId: policy.id,
    },
  });
}

const checks = new Map<string, number>();
/** Scheduled checks through the real write path, one interval apart, so two failures page. */
async function check(serviceId: string, status: HealthStatus, count: number) {
  for (let index = 0; index < count; index += 1) {
    const slot =
      (checks.get(serviceId) ?? Math.floor(Date.now() / 10_000) * 10_000 - 10 * 10_000) + 10_000;
    checks.set(serviceId, slot);
    await recordOutcomes([
      checkOutcome(serviceId, {
        status,
        scheduledAt: new Date(slot),
        reason: status === "up" ? "all checks passed" : "connection refused",
      }),
    ]);
  }
}

function pager(serviceIds: string[], options: Partial<PagerOptions> = {}) {
  return new Pager({
    now: clock,
    serviceIds,
    monitor: false,
    pollMs: 200,
    log: () => {},
    ...options,
  });
}

function deliverer(smtpConfig: SmtpConfig, client?: Db) {
  const started = new OutboxDeliverer({
    smtp: smtpConfig,
    pollMs: 100,
    timeoutMs: 3_000,
    log: () => {},
    ...(client ? { db: client } : {}),
  });
  started.start();
  running.push(started);
  return started;
}

const mailsTo = (address: string, subject?: RegExp) =>
  smtp.mails.filter(
    (mail) =>
      JSON.stringify(mail.to).includes(address) && (!subject || subject.test(mail.subject ?? "")),
  );
const requestsTo = (receiver: Receiver, path: string) =>
  receiver.requests.filter((request) => request.path === path);
const json = (request: ReceivedRequest | undefined) =>
  JSON.parse(request?.body ?? "{}") as {
    kind?: string;
    title?: string;
    text?: string;
    link?: string;
  };

async function notificationsOf(pageId: string) {
  return db.pageNotification.findMany({ where: { pageId }, orderBy: { id: "asc" } });
}

describe("a service breaks, pages level 1, escalates, is acknowledged and recovers", () => {
  it("tells everyone once per step, on every method, and 'recovered' at the end", async () => {
    offsetMs = 0;
    const ada = await person("Ada", [
      ["email", `ada-${tag}@vigil.test`],
      ["webhook", webhook.url(`/ada-${tag}`)],
      ["ntfy", ntfy.url(`/ada-topic-${tag}`)],
    ]);
    await db.contactMethod.create({
      data: {
        userId: ada.id,
        kind: "slack",
        target: webhook.url(`/ada-off-${tag}`),
        enabled: false,
      },
    });
    const bob = await person("Bob", [
      ["email", `bob-${tag}@vigil.test`],
      ["webhook", webhook.url(`/bob-${tag}`)],
    ]);
    const studio = await serviceWithPolicy("studio", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: ada.id }] },
      { delayMinutes: 2, targets: [{ kind: "user", userId: bob.id }] },
    ]);
    const engine = pager([studio.id]);
    deliverer(smtpUp());

    await check(studio.id, "down", 1);
    expect((await engine.tick()).opened).toBe(0);
    await check(studio.id, "down", 2);
    expect((await engine.tick()).opened).toBe(1);
    expect((await engine.tick()).opened).toBe(0);
    const pages = await db.page.findMany({ where: { serviceId: studio.id } });
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    expect(page).toMatchObject({
      kind: "service",
      level: "page",
      state: "triggered",
      openKey: serviceOpenKey(studio.id),
      escalationLevel: 1,
      round: 0,
      title: `${studio.name} is down`,
    });
    expect(page.nextEscalationAt?.getTime()).toBeGreaterThan(Date.now() + 1.5 * minute);

    // Level 1: Ada on each of her enabled methods.
    const title = `PAGE #${page.number}: ${studio.name} is down`;
    await waitFor(
      () =>
        mailsTo(`ada-${tag}`).length > 0 &&
        requestsTo(webhook, `/ada-${tag}`).length > 0 &&
        requestsTo(ntfy, `/ada-topic-${tag}`).length > 0,
      10_000,
      "level 1 on every method",
    );
    const mail = mailsTo(`ada-${tag}`)[0]!;
    expect(mail.subject).toBe(title);
    expect(mail.text).toContain("connection refused");
    expect(mail.text).toContain(`/pages/${page.id}`);
    expect(json(requestsTo(webhook, `/ada-${tag}`)[0])).toMatchObject({
      kind: "page.triggered",
      title,
      link: expect.stringContaining(`/pages/${page.id}`),
    });
    const push = requestsTo(ntfy, `/ada-topic-${tag}`)[0]!;
    expect(push.headers).toMatchObject({ title, priority: "urgent" });
    expect(push.headers.click).toMatch(new RegExp(`/pages/${page.id}$`));
    expect(push.body).toContain("connection refused");
    expect(requestsTo(webhook, `/ada-off-${tag}`)).toHaveLength(0);
    expect(mailsTo(`bob-${tag}`)).toHaveLength(0);

    // The record: who, which method, when, delivered.
    await waitFor(
      async () =>
        (await engine.syncNotifications()) >= 0 &&
        (await notificationsOf(page.id)).every((row) => row.status === "delivered"),
      10_000,
      "delivered on the record",
    );
    const level1 = await notificationsOf(page.id);
    expect(level1.map((row) => [row.step, row.recipient, row.channel, row.status])).toEqual([
      ["level:1:0", ada.name, "email", "delivered"],
      ["level:1:0", ada.name, "webhook", "delivered"],
      ["level:1:0", ada.name, "ntfy", "delivered"],
    ]);
    expect(
      level1.every(
        (row) => row.deliveredAt !== null && row.attempts === 1 && row.userId === ada.id,
      ),
    ).toBe(true);
    expect(level1.find((row) => row.channel === "webhook")?.target).not.toContain(`ada-${tag}`);

    // No ack: level 2 (Bob) once its 2 minutes have passed, not before.
    offsetMs = 1 * minute;
    expect((await engine.tick()).escalated).toBe(0);
    offsetMs = 2 * minute + 1_000;
    expect((await engine.tick()).escalated).toBe(1);
    expect((await engine.tick()).escalated).toBe(0);
    await waitFor(
      () => mailsTo(`bob-${tag}`).length > 0 && requestsTo(webhook, `/bob-${tag}`).length > 0,
      10_000,
      "level 2",
    );
    expect(mailsTo(`bob-${tag}`)[0]?.subject).toBe(title);
    expect(mailsTo(`bob-${tag}`)[0]?.text).toMatch(/escalated to level 2/);
    expect(await db.page.findUniqueOrThrow({ where: { id: page.id } })).toMatchObject({
      escalationLevel: 2,
      nextEscalationAt: null,
    });

    // Bob acknowledges: nothing more is sent, however long it stays down.
    await ackPage(bob, page.id, { via: "api" });
    const sentBefore = await db.pageNotification.count({ where: { pageId: page.id } });
    offsetMs = 60 * minute;
    await engine.tick();
    await check(studio.id, "down", 1);
    await engine.tick();
    expect(await db.pageNotification.count({ where: { pageId: page.id } })).toBe(sentBefore);
    expect(await db.page.findUniqueOrThrow({ where: { id: page.id } })).toMatchObject({
      state: "acknowledged",
      acknowledgedById: bob.id,
    });

    // Recovery: "recovered" to everyone notified, on every method they were paged on.
    await check(studio.id, "up", 2);
    expect((await engine.tick()).resolved).toBe(1);
    const resolved = await db.page.findUniqueOrThrow({ where: { id: page.id } });
    expect(resolved).toMatchObject({ state: "resolved", openKey: null });
    expect(resolved.resolvedReason).toMatch(/recovered/);
    const recovered = `RECOVERED #${page.number}: ${studio.name}`;
    await waitFor(
      () =>
        mailsTo(`ada-${tag}`, /^RECOVERED/).length === 1 &&
        mailsTo(`bob-${tag}`, /^RECOVERED/).length === 1 &&
        requestsTo(webhook, `/ada-${tag}`).length === 2 &&
        requestsTo(webhook, `/bob-${tag}`).length === 2 &&
        requestsTo(ntfy, `/ada-topic-${tag}`).length === 2,
      10_000,
      "recovered to everyone",
    );
    expect(mailsTo(`ada-${tag}`, /^RECOVERED/)[0]?.subject).toBe(recovered);
    expect(requestsTo(ntfy, `/ada-topic-${tag}`)[1]?.headers).toMatchObject({
      title: recovered,
      priority: "low",
    });
    expect(json(requestsTo(webhook, `/bob-${tag}`)[1])).toMatchObject({
      kind: "page.recovered",
      title: recovered,
    });
    // Exactly one message per person per method per step.
    expect(mailsTo(`ada-${tag}`)).toHaveLength(2);
    expect(mailsTo(`bob-${tag}`)).toHaveLength(2);
    await sleep(500);
    expect(requestsTo(webhook, `/bob-${tag}`)).toHaveLength(2);
    expect(
      (await notificationsOf(page.id))
        .filter((row) => row.step === "recovered")
        .map((row) => row.recipient),
    ).toEqual([ada.name, ada.name, ada.name, bob.name, bob.name]);
    // A new failure after recovery is a new episode: a new page.
    await check(studio.id, "down", 2);
    expect((await engine.tick()).opened).toBe(1);
    expect(await db.page.count({ where: { serviceId: studio.id } })).toBe(2);
  });
});

describe("one page per episode", () => {
  it("keeps a flapping service that went down on its one page", async () => {
    offsetMs = 0;
    const pat = await person("Pat", [["webhook", webhook.url(`/pat-${tag}`)]]);
    const svc = await serviceWithPolicy("flappy", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: pat.id }] },
    ]);
    const engine = pager([svc.id]);
    for (const status of [
      "down",
      "down",
      "up",
      "down",
      "up",
      "down",
      "up",
      "down",
      "up",
      "down",
    ] as const) {
      await check(svc.id, status, 1);
      await engine.tick();
    }
    const alerts = await db.alert.findMany({
      where: { serviceId: svc.id },
      orderBy: { startedAt: "asc" },
    });
    expect(alerts.map((alert) => `${alert.rule}:${alert.endedAt ? "ended" : "open"}`)).toEqual([
      "down:ended",
      "flapping:open",
    ]);
    const pages = await db.page.findMany({ where: { serviceId: svc.id } });
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ state: "triggered", level: "page" });
    expect(await db.pageNotification.count({ where: { pageId: pages[0]!.id } })).toBe(1);
  });
});

describe("several instances", () => {
  it("two pagers and two deliverers at once still send one message per person per step", async () => {
    offsetMs = 0;
    const cy = await person("Cy", [
      ["email", `cy-${tag}@vigil.test`],
      ["webhook", webhook.url(`/cy-${tag}`)],
    ]);
    const di = await person("Di", [["ntfy", ntfy.url(`/di-${tag}`)]]);
    const absorb = await serviceWithPolicy("absorb", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: cy.id }] },
      {
        delayMinutes: 1,
        targets: [
          { kind: "user", userId: di.id },
          { kind: "user", userId: cy.id },
        ],
      },
    ]);
    const url = databaseUrl() as string;
    const instances = [createDb(url, 4), createDb(url, 4)];
    extraDbs.push(...instances);
    const pagers = instances.map((client) => pager([absorb.id], { db: client }));
    for (const client of instances) deliverer(smtpUp(), client);
    // Both instances tick at the same moment, from the same reading: one opens, one escalates.
    const tickBoth = async () =>
      (await Promise.all(pagers.map((engine) => engine.tick()))).reduce(
        (sum, one) => ({
          opened: sum.opened + one.opened,
          escalated: sum.escalated + one.escalated,
        }),
        { opened: 0, escalated: 0 },
      );
    await check(absorb.id, "down", 2);
    expect(await tickBoth()).toEqual({ opened: 1, escalated: 0 });
    expect(await tickBoth()).toEqual({ opened: 0, escalated: 0 });
    await waitFor(
      () => mailsTo(`cy-${tag}`).length > 0 && requestsTo(webhook, `/cy-${tag}`).length > 0,
      10_000,
      "level 1",
    );
    offsetMs = minute + 1_000;
    expect(await tickBoth()).toEqual({ opened: 0, escalated: 1 });
    expect(await tickBoth()).toEqual({ opened: 0, escalated: 0 });
    // And as loops, woken together.
    for (const engine of pagers) {
      engine.start();
      running.push(engine);
    }
    await waitFor(
      () => requestsTo(ntfy, `/di-${tag}`).length > 0 && mailsTo(`cy-${tag}`).length > 1,
      10_000,
      "level 2",
    );
    await sleep(1_500);
    expect(await db.page.count({ where: { serviceId: absorb.id } })).toBe(1);
    expect(mailsTo(`cy-${tag}`)).toHaveLength(2);
    expect(requestsTo(webhook, `/cy-${tag}`)).toHaveLength(2);
    expect(requestsTo(ntfy, `/di-${tag}`)).toHaveLength(1);
    const page = await db.page.findFirstOrThrow({ where: { serviceId: absorb.id } });
    const rows = await notificationsOf(page.id);
    expect(rows.map((row) => `${row.step} ${row.recipient} ${row.channel}`).sort()).toEqual(
      [
        `level:1:0 ${cy.name} email`,
        `level:1:0 ${cy.name} webhook`,
        `level:2:0 ${cy.name} email`,
        `level:2:0 ${cy.name} webhook`,
        `level:2:0 ${di.name} ntfy`,
      ].sort(),
    );
    const deliveries = await db.outboxDelivery.findMany({
      where: {
        eventKey: { in: [pageEventKey(page.id, "level:1:0"), pageEventKey(page.id, "level:2:0")] },
      },
    });
    expect(deliveries).toHaveLength(5);
    expect(
      deliveries.every((delivery) => delivery.status === "delivered" && delivery.attempts === 1),
    ).toBe(true);
  });
});

describe("nobody can be reached", () => {
  it("says who could not be reached and how, and pages level 2 at once", async () => {
    offsetMs = 0;
    failing.answerWith(
      ...Array.from({ length: 20 }, () => ({ status: 500, body: "upstream exploded" })),
    );
    const eve = await person("Eve", [
      ["email", `eve-${tag}@vigil.test`],
      ["webhook", failing.url(`/eve-${tag}`)],
      ["ntfy", `http://127.0.0.1:${closedPort}/eve-${tag}`],
    ]);
    const fay = await person("Fay", [["webhook", webhook.url(`/fay-${tag}`)]]);
    const mcp = await serviceWithPolicy("mcp", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: eve.id }] },
      { delayMinutes: 30, targets: [{ kind: "user", userId: fay.id }] },
    ]);
    const engine = pager([mcp.id]);
    deliverer(smtpDown());
    await check(mcp.id, "down", 2);
    expect((await engine.tick()).opened).toBe(1);
    const page = await db.page.findFirstOrThrow({ where: { serviceId: mcp.id } });
    await waitFor(
      async () => {
        await engine.tick();
        return (await db.page.findUniqueOrThrow({ where: { id: page.id } })).unreachableAt !== null;
      },
      15_000,
      "unreachable",
    );
    const unreachable = await db.page.findUniqueOrThrow({ where: { id: page.id } });
    expect(unreachable.unreachableReason).toMatch(new RegExp(`^could not reach ${eve.name}: `));
    expect(unreachable.unreachableReason).toMatch(/email: Could not send the email/);
    expect(unreachable.unreachableReason).toMatch(/webhook: HTTP 500: upstream exploded/);
    expect(unreachable.unreachableReason).toMatch(/ntfy: /);
    expect(unreachable.unreachableReason).not.toContain(`eve-${tag}`);
    // Level 2 now, not after its 30 minutes.
    expect(unreachable.escalationLevel).toBe(2);
    await waitFor(
      () => requestsTo(webhook, `/fay-${tag}`).length > 0,
      10_000,
      "level 2 paged at once",
    );
    expect(json(requestsTo(webhook, `/fay-${tag}`)[0]).text).toMatch(/at once: could not reach/);
    const level1 = (await notificationsOf(page.id)).filter((row) => row.step === "level:1:0");
    expect(level1.every((row) => row.status !== "delivered" && row.error)).toBe(true);
    // Judged once: the next ticks do not escalate again.
    await engine.tick();
    expect((await db.page.findUniqueOrThrow({ where: { id: page.id } })).escalationLevel).toBe(2);

    // Fay acknowledges: Eve's messages still waiting for a retry are dropped, not sent late.
    await ackPage(fay, page.id, { via: "api" });
    const hookRequests = requestsTo(failing, `/eve-${tag}`).length;
    const waiting = level1.flatMap((row) =>
      row.outboxDeliveryId && row.status === "pending" ? [row.outboxDeliveryId] : [],
    );
    expect(waiting.length).toBeGreaterThan(0);
    await db.outboxDelivery.updateMany({
      where: { id: { in: waiting } },
      data: { nextAttemptAt: new Date() },
    });
    await waitFor(
      async () =>
        (await db.outboxDelivery.count({ where: { id: { in: waiting }, status: "failed" } })) ===
        waiting.length,
      10_000,
      "the retries dropped",
    );
    await engine.syncNotifications();
    const dropped = (await notificationsOf(page.id)).filter(
      (row) => row.step === "level:1:0" && waiting.includes(row.outboxDeliveryId as bigint),
    );
    expect(
      dropped.every(
        (row) =>
          row.status === "failed" &&
          /was acknowledged before this message could be delivered/.test(row.error ?? ""),
      ),
    ).toBe(true);
    expect(requestsTo(failing, `/eve-${tag}`)).toHaveLength(hookRequests);
  });

  it("goes on to the next level at once for as long as nobody can be reached, and keeps the mark", async () => {
    offsetMs = 0;
    const ann = await person("Ann", []);
    const ben = await person("Ben", []);
    const cat = await person("Cat", [["webhook", webhook.url(`/cat-${tag}`)]]);
    const svc = await serviceWithPolicy("chain", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: ann.id }] },
      { delayMinutes: 30, targets: [{ kind: "user", userId: ben.id }] },
      { delayMinutes: 30, targets: [{ kind: "user", userId: cat.id }] },
    ]);
    const engine = pager([svc.id]);
    deliverer(smtpUp());
    await check(svc.id, "down", 2);
    await engine.tick();
    const page = await db.page.findFirstOrThrow({ where: { serviceId: svc.id } });
    await engine.tick();
    expect(await db.page.findUniqueOrThrow({ where: { id: page.id } })).toMatchObject({
      escalationLevel: 2,
      unreachableReason: `could not reach ${ann.name}: ${ann.name} has no contact method`,
    });
    await engine.tick();
    expect(await db.page.findUniqueOrThrow({ where: { id: page.id } })).toMatchObject({
      escalationLevel: 3,
      unreachableReason: `could not reach ${ben.name}: ${ben.name} has no contact method`,
    });
    await waitFor(() => requestsTo(webhook, `/cat-${tag}`).length > 0, 10_000, "level 3");
    await waitFor(
      async () =>
        (await engine.syncNotifications()) >= 0 &&
        (await notificationsOf(page.id)).some((row) => row.status === "delivered"),
      10_000,
      "delivered",
    );
    await engine.tick();
    expect(await db.page.findUniqueOrThrow({ where: { id: page.id } })).toMatchObject({
      escalationLevel: 3,
      nextEscalationAt: null,
      unreachableReason: `could not reach ${ben.name}: ${ben.name} has no contact method`,
    });
  });

  it("records a person with no contact method and a contact that cannot be reached automatically", async () => {
    offsetMs = 0;
    const gus = await person("Gus", []);
    const contact = await db.escalationContact.create({
      data: { name: `Hal ${tag}`, contact: "+1 555 0100" },
    });
    const mailed = await db.escalationContact.create({
      data: { name: `Ida ${tag}`, contact: `ida-${tag}@vigil.test` },
    });
    try {
      const svc = await serviceWithPolicy("orchestrator", [
        { delayMinutes: 0, targets: [{ kind: "user", userId: gus.id }] },
        { delayMinutes: 30, targets: [{ kind: "escalation_contacts" }] },
      ]);
      const engine = pager([svc.id]);
      deliverer(smtpUp());
      await check(svc.id, "down", 2);
      await engine.tick();
      const page = await db.page.findFirstOrThrow({ where: { serviceId: svc.id } });
      const [none] = await notificationsOf(page.id);
      expect(none).toMatchObject({
        channel: "none",
        status: "failed",
        error: `${gus.name} has no contact method`,
      });
      await engine.tick();
      const escalated = await db.page.findUniqueOrThrow({ where: { id: page.id } });
      expect(escalated).toMatchObject({
        escalationLevel: 2,
        unreachableReason: `could not reach ${gus.name}: ${gus.name} has no contact method`,
      });
      const level2 = (await notificationsOf(page.id)).filter((row) => row.step === "level:2:0");
      expect(level2.find((row) => row.recipient === `Hal ${tag}`)).toMatchObject({
        channel: "none",
        status: "failed",
        error: "cannot be reached automatically: +1 555 0100",
      });
      expect(level2.find((row) => row.recipient === `Ida ${tag}`)).toMatchObject({
        channel: "email",
        target: `ida-${tag}@vigil.test`,
      });
      await waitFor(
        () => mailsTo(`ida-${tag}`).length > 0,
        10_000,
        "the escalation contact's address",
      );
      expect(mailsTo(`ida-${tag}`)[0]?.subject).toBe(`PAGE #${page.number}: ${svc.name} is down`);
    } finally {
      await db.escalationContact.deleteMany({ where: { id: { in: [contact.id, mailed.id] } } });
    }
  });
});

describe("warnings", () => {
  it("notify level 1 only, never escalate, and become a page when a page-level alert appears", async () => {
    offsetMs = 0;
    const jo = await person("Jo", [["webhook", webhook.url(`/jo-${tag}`)]]);
    const kim = await person("Kim", [["webhook", webhook.url(`/kim-${tag}`)]]);
    const svc = await serviceWithPolicy("board", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: jo.id }] },
      { delayMinutes: 1, targets: [{ kind: "user", userId: kim.id }] },
    ]);
    const engine = pager([svc.id]);
    deliverer(smtpUp());
    const startedAt = new Date();
    await db.alert.create({
      data: {
        serviceId: svc.id,
        rule: "degraded",
        level: "warning",
        reason: "p95 4.2 s over the 3 s SLO",
        startedAt,
      },
    });
    expect((await engine.tick()).opened).toBe(1);
    const page = await db.page.findFirstOrThrow({ where: { serviceId: svc.id } });
    expect(page).toMatchObject({ level: "warning", nextEscalationAt: null });
    await waitFor(() => requestsTo(webhook, `/jo-${tag}`).length > 0, 10_000, "the warning");
    expect(json(requestsTo(webhook, `/jo-${tag}`)[0])).toMatchObject({
      kind: "page.warning",
      title: `WARNING #${page.number}: ${svc.name} is degraded`,
    });
    offsetMs = 30 * minute;
    await engine.tick();
    expect(await db.pageNotification.count({ where: { pageId: page.id } })).toBe(1);

    offsetMs = 0;
    await db.alert.create({
      data: {
        serviceId: svc.id,
        rule: "down",
        level: "page",
        reason: "connection refused",
        startedAt: new Date(),
      },
    });
    expect((await engine.tick()).upgraded).toBe(1);
    expect(await db.page.count({ where: { serviceId: svc.id } })).toBe(1);
    await waitFor(() => requestsTo(webhook, `/jo-${tag}`).length > 1, 10_000, "the page");
    expect(json(requestsTo(webhook, `/jo-${tag}`)[1])).toMatchObject({
      kind: "page.triggered",
      title: `PAGE #${page.number}: ${svc.name} is down`,
    });
    offsetMs = minute + 1_000;
    expect((await engine.tick()).escalated).toBe(1);
    await waitFor(
      () => requestsTo(webhook, `/kim-${tag}`).length > 0,
      10_000,
      "level 2 of the page",
    );
  });
});

describe("monitoring itself degraded", () => {
  it("opens one monitor page, no service page meanwhile, and the services' own pages once it clears", async () => {
    offsetMs = 0;
    const services = await Promise.all(
      ["m1", "m2", "m3"].map((label) =>
        serviceWithPolicy(label, [
          { delayMinutes: 0, targets: [{ kind: "user", userId: admin.id }] },
        ]),
      ),
    );
    const ids = services.map((service) => service.id);
    const before = await db.monitorStatus.upsert({
      where: { id: 1 },
      create: { id: 1 },
      update: {},
    });
    // A page another test file left open would stand for this one: files run one after another, so it is stale.
    await db.page.updateMany({
      where: { openKey: "monitor" },
      data: {
        openKey: null,
        state: "resolved",
        resolvedAt: new Date(),
        resolvedReason: "left over by an earlier test",
      },
    });
    const engine = pager(ids, { monitor: true });
    try {
      for (const id of ids) await check(id, "down", 2);
      await db.monitorStatus.update({
        where: { id: 1 },
        data: { degraded: true, since: new Date(), reason: "3 of 3 services fail at once" },
      });
      expect((await engine.tick()).opened).toBe(1);
      expect((await engine.tick()).opened).toBe(0);
      const monitorPages = await db.page.findMany({
        where: { kind: "monitor", openKey: "monitor" },
      });
      expect(monitorPages).toHaveLength(1);
      expect(monitorPages[0]).toMatchObject({
        level: "page",
        title: "Monitoring itself is degraded",
        reason: "3 of 3 services fail at once",
      });
      expect(await db.page.count({ where: { serviceId: { in: ids } } })).toBe(0);

      await db.monitorStatus.update({
        where: { id: 1 },
        data: { degraded: false, since: new Date(), reason: null },
      });
      const summary = await engine.tick();
      expect(summary).toMatchObject({ resolved: 1, opened: 3 });
      expect(await db.page.findUniqueOrThrow({ where: { id: monitorPages[0]!.id } })).toMatchObject(
        { state: "resolved", openKey: null },
      );
    } finally {
      await db.monitorStatus.update({
        where: { id: 1 },
        data: { degraded: before.degraded, since: before.since, reason: before.reason },
      });
    }
  });
});

describe("maintenance", () => {
  it("pages nobody for a broken service inside a window, and pages at once when it ends with the service still failing", async () => {
    offsetMs = 0;
    const lee = await person("Lee", [["webhook", webhook.url(`/lee-${tag}`)]]);
    const svc = await serviceWithPolicy("deploying", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: lee.id }] },
    ]);
    await db.maintenanceWindow.create({
      data: {
        reason: "deploy",
        startsAt: new Date(Date.now() - minute),
        endsAt: new Date(Date.now() + 10 * minute),
        createdByLabel: "paging test",
        services: { create: [{ serviceId: svc.id }] },
      },
    });
    const engine = pager([svc.id]);
    deliverer(smtpUp());
    await check(svc.id, "down", 2);
    expect(await db.alert.count({ where: { serviceId: svc.id, endedAt: null } })).toBe(1);
    expect((await engine.tick()).opened).toBe(0);
    offsetMs = 9 * minute;
    expect((await engine.tick()).opened).toBe(0);
    expect(await db.page.count({ where: { serviceId: svc.id } })).toBe(0);
    offsetMs = 10 * minute + 1_000;
    expect((await engine.tick()).opened).toBe(1);
    await waitFor(
      () => requestsTo(webhook, `/lee-${tag}`).length > 0,
      10_000,
      "the page after the window",
    );
  });

  it("does not escalate an open page while its service is in maintenance", async () => {
    offsetMs = 0;
    const mo = await person("Mo", [["webhook", webhook.url(`/mo-${tag}`)]]);
    const ned = await person("Ned", [["webhook", webhook.url(`/ned-${tag}`)]]);
    const svc = await serviceWithPolicy("quiet", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: mo.id }] },
      { delayMinutes: 1, targets: [{ kind: "user", userId: ned.id }] },
    ]);
    const engine = pager([svc.id]);
    await check(svc.id, "down", 2);
    expect((await engine.tick()).opened).toBe(1);
    await db.maintenanceWindow.create({
      data: {
        reason: "hotfix",
        startsAt: new Date(Date.now() - 1_000),
        endsAt: new Date(Date.now() + 5 * minute),
        createdByLabel: "paging test",
        services: { create: [{ serviceId: svc.id }] },
      },
    });
    offsetMs = 2 * minute;
    expect((await engine.tick()).escalated).toBe(0);
    offsetMs = 5 * minute + 1_000;
    expect((await engine.tick()).escalated).toBe(1);
  });
});

describe("woken by health changes", () => {
  it("pages within a second of the check that crosses the threshold, without waiting for its poll", async () => {
    offsetMs = 0;
    const ola = await person("Ola", [["webhook", webhook.url(`/ola-${tag}`)]]);
    const svc = await serviceWithPolicy("woken", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: ola.id }] },
    ]);
    const engine = pager([svc.id], { pollMs: 60_000 });
    engine.start();
    running.push(engine);
    deliverer(smtpUp());
    await sleep(300);
    await check(svc.id, "down", 1);
    const crossed = Date.now();
    await check(svc.id, "down", 1);
    await waitFor(() => requestsTo(webhook, `/ola-${tag}`).length > 0, 5_000, "the page");
    expect(Date.now() - crossed).toBeLessThan(3_000);
  });
});

describe("the browser alert", () => {
  it("names everyone a step is for, even a person with no contact method (Vigil open in their browser still reaches them)", async () => {
    offsetMs = 0;
    const quiet = await person("Quiet", []);
    const service = await serviceWithPolicy("browser-only", [
      { delayMinutes: 0, targets: [{ kind: "user", userId: quiet.id }] },
    ]);
    const changes: PageChange[] = [];
    const unsubscribe = subscribePageChanges((change) => changes.push(change));
    try {
      const worker = pager([service.id]);
      worker.start();
      running.push(worker);
      await check(service.id, "down", 2);
      await waitFor(
        () =>
          changes.some((change) => change.what === "opened" && change.title.includes(service.name)),
        10_000,
      );
      const opened = changes.find(
        (change) => change.what === "opened" && change.title.includes(service.name),
      );
      expect(opened?.userIds).toEqual([quiet.id]);
      const [notification] = await notificationsOf(opened?.pageId ?? "");
      expect(notification).toMatchObject({
        channel: "none",
        status: "failed",
        error: `${quiet.name} has no contact method`,
      });
    } finally {
      unsubscribe();
    }
  });
});
