import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createDb, db, type Db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import type { ProbeResult } from "@/lib/outbound/http-client";
import { declareIncident, postStatusUpdate, updateIncident } from "@/lib/incidents/mutations";
import type { IncidentNotification } from "@/lib/incidents/types";
import { OutboxDeliverer, type DelivererOptions } from "@/lib/notifications/deliverer";
import { backoffMs, judgeResponse } from "@/lib/notifications/delivery-verdict";
import { createWebhook, deleteWebhook } from "@/lib/notifications/data";
import { enqueueNotification, nudgeOutbox } from "@/lib/notifications/outbox";
import type { CreateWebhookInput } from "@/lib/notifications/types";
import { startReceiver, waitFor, type Receiver } from "@/test/webhook-receiver";
import { loadAllowRules } from "@/lib/outbound/policy";
import { makeUser } from "@/test/fixtures";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("backoff", () => {
  it("waits 5 s, 30 s, 2 min, 10 min, 30 min, then an hour between attempts", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffMs)).toEqual([
      5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
    expect(backoffMs(0)).toBe(5_000);
  });
});

describe("judging an answer", () => {
  const answer = (
    status: number,
    headers: Record<string, string> = {},
    body = "",
  ): ProbeResult => ({
    ok: true,
    status,
    headers,
    body: Buffer.from(body),
    truncated: false,
    finalUrl: "http://x",
    redirects: 0,
    timings: { totalMs: 1 },
    certificateValidTo: null,
  });
  const failure = (kind: Extract<ProbeResult, { ok: false }>["kind"]): ProbeResult => ({
    ok: false,
    kind,
    message: `${kind} trouble`,
    finalUrl: "http://x",
    timings: { totalMs: 1 },
  });

  it("delivers on 2xx, retries 408, 429, 5xx and network trouble, and gives up at once on other answers", () => {
    expect(judgeResponse(answer(204)).outcome).toBe("delivered");
    for (const status of [408, 429, 500, 502, 503])
      expect(judgeResponse(answer(status)).outcome).toBe("retry");
    for (const status of [400, 401, 403, 404, 410, 422, 304])
      expect(judgeResponse(answer(status)).outcome).toBe("failed");
    for (const kind of ["timeout", "refused", "dns", "tls", "reset", "network"] as const)
      expect(judgeResponse(failure(kind)).outcome).toBe("retry");
    for (const kind of ["policy", "redirects"] as const)
      expect(judgeResponse(failure(kind)).outcome).toBe("failed");
  });

  it("honours Retry-After up to an hour and quotes a little of the body", () => {
    const verdict = judgeResponse(answer(429, { "retry-after": "120" }, "slow down\nplease"));
    expect(verdict).toMatchObject({
      outcome: "retry",
      httpStatus: 429,
      retryAfterMs: 120_000,
      error: "HTTP 429: slow down please",
    });
    expect(judgeResponse(answer(503, { "retry-after": "999999" }))).toMatchObject({
      retryAfterMs: 3_600_000,
    });
  });
});

let admin: Actor;
let responder: Actor;
let receiver: Receiver;
const allowRuleIds: string[] = [];
const webhookIds: string[] = [];
const deliverers: OutboxDeliverer[] = [];
const extraDbs: Db[] = [];
let logs: string[] = [];

beforeAll(async () => {
  admin = await makeUser("admin", "webhook-admin");
  responder = await makeUser("responder", "webhook-responder");
  receiver = await startReceiver();
  allowRuleIds.push(
    (await addAllowRule(admin, { rule: `127.0.0.1:${receiver.port}`, note: "webhook tests" })).id,
  );
});

afterAll(async () => {
  for (const id of allowRuleIds) await removeAllowRule(admin, id);
  await receiver.close();
});

beforeEach(() => {
  receiver.requests.length = 0;
  receiver.setDefaultDelay(0);
  logs = [];
});

afterEach(async () => {
  await Promise.all(deliverers.splice(0).map((deliverer) => deliverer.stop()));
  for (const id of webhookIds.splice(0)) await deleteWebhook(admin, id).catch(() => undefined);
  await Promise.all(extraDbs.splice(0).map((client) => client.$disconnect()));
});

async function addWebhook(input: Partial<CreateWebhookInput> & { path: string }) {
  const { path, ...rest } = input;
  const webhook = await createWebhook(admin, {
    name: `hook ${randomUUID().slice(0, 8)}`,
    url: receiver.url(path),
    format: "generic",
    ...rest,
  });
  webhookIds.push(webhook.id);
  return webhook;
}

function startDeliverer(options: DelivererOptions = {}): OutboxDeliverer {
  const deliverer = new OutboxDeliverer({
    pollMs: 100,
    log: (message) => logs.push(message),
    loadRules: () => loadAllowRules({ fresh: true }),
    ...options,
  });
  deliverer.start();
  deliverers.push(deliverer);
  return deliverer;
}

const requestsTo = (path: string) =>
  receiver.requests.filter((request) => request.path.startsWith(path));
const rowsOf = (webhookId: string) =>
  db.outboxDelivery.findMany({ where: { webhookId }, orderBy: { id: "asc" } });

async function settled(webhookId: string, expected: number, timeoutMs = 10_000) {
  await waitFor(
    async () => {
      const rows = await rowsOf(webhookId);
      return rows.length >= expected && rows.every((row) => row.status !== "pending");
    },
    timeoutMs,
    `${expected} settled deliveries`,
  );
  return rowsOf(webhookId);
}

function fakeNotification(eventKey: string): IncidentNotification {
  return {
    event: "incident.update_posted",
    eventKey,
    occurredAt: new Date().toISOString(),
    actor: "vitest",
    incident: {
      id: randomUUID(),
      number: 1,
      title: "Synthetic",
      severity: "sev3",
      status: "investigating",
      services: [],
      url: "http://localhost:3000/incidents/x",
    },
    message: eventKey,
  };
}

async function enqueue(eventKeys: string[]): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const key of eventKeys) await enqueueNotification(tx, fakeNotification(key));
  });
  nudgeOutbox();
}

describe("delivering incident events", () => {
  it("sends one POST per declared incident, woken by the outbox nudge, with the event and delivery headers", async () => {
    const webhook = await addWebhook({ path: "/declare/hook" });
    // A poll interval far beyond the test: only the nudge after the commit can make this send happen.
    startDeliverer({ pollMs: 60_000 });
    await sleep(100);
    const title = `Checkout fails ${randomUUID().slice(0, 6)}`;
    const { incident } = await declareIncident(responder, {
      title,
      severity: "sev1",
      summary: "Payments time out.",
    });
    const [row] = await settled(webhook.id, 1, 5_000);
    await sleep(400);

    const received = requestsTo("/declare/hook");
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["user-agent"]).toMatch(/^Vigil\//);
    expect(request?.headers["x-vigil-event"]).toBe("incident.declared");
    expect(request?.headers["x-vigil-delivery"]).toBe(row?.id.toString());
    const body = JSON.parse(request?.body ?? "{}") as IncidentNotification;
    expect(body).toMatchObject({
      event: "incident.declared",
      eventKey: `incident:${incident.id}:declared`,
      message: "Payments time out.",
    });
    expect(body.incident).toMatchObject({
      id: incident.id,
      number: incident.number,
      title,
      severity: "sev1",
      status: "investigating",
    });
    expect(row).toMatchObject({
      status: "delivered",
      attempts: 1,
      lastHttpStatus: 200,
      lastError: null,
    });
    expect(row?.deliveredAt).toBeInstanceOf(Date);
  });

  it("retries after a 500 and records the delivery with two attempts", async () => {
    const webhook = await addWebhook({ path: "/retry/hook" });
    receiver.answerWith({ status: 500, body: "boom" });
    startDeliverer({ backoff: () => 50 });
    await declareIncident(responder, { title: "Retry me", severity: "sev2" });
    const [row] = await settled(webhook.id, 1);
    const received = requestsTo("/retry/hook");
    expect(received).toHaveLength(2);
    expect(received[0]?.headers["x-vigil-delivery"]).toBe(received[1]?.headers["x-vigil-delivery"]);
    expect(row).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastHttpStatus: 200,
      lastError: null,
    });
  });

  it("formats Slack-compatible bodies with everything typed escaped", async () => {
    const webhook = await addWebhook({ path: "/slack/hook", format: "slack" });
    startDeliverer();
    await declareIncident(responder, {
      title: "<!channel> <script>alert(1)</script>",
      severity: "sev1",
      summary: "<http://evil|click> javascript:alert(1)",
    });
    await settled(webhook.id, 1);
    const body = JSON.parse(requestsTo("/slack/hook")[0]?.body ?? "{}") as {
      text: string;
      blocks: Array<{ text?: { text: string } }>;
    };
    const everything = [body.text, ...body.blocks.map((block) => block.text?.text ?? "")].join(
      "\n",
    );
    expect(everything).toContain("&lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(everything).toContain("&lt;http://evil|click&gt; javascript:alert(1)");
    expect(everything).not.toMatch(/<!channel>|<script>|<http:\/\/evil/);
  });

  it("sends only subscribed events, and nothing to a disabled webhook", async () => {
    const resolvedOnly = await addWebhook({
      path: "/resolved-only/hook",
      events: ["incident.resolved"],
    });
    const disabled = await addWebhook({ path: "/disabled/hook", enabled: false });
    const everything = await addWebhook({ path: "/everything/hook" });
    startDeliverer();
    const { incident } = await declareIncident(responder, {
      title: "Subscriptions",
      severity: "sev3",
    });
    const raised = await updateIncident(responder, incident.id, {
      version: incident.version,
      severity: "sev2",
    });
    await postStatusUpdate(responder, incident.id, { message: "Still looking." });
    await updateIncident(responder, incident.id, {
      version: raised.version,
      status: "resolved",
      rootCause: "A bad deploy.",
    });

    const all = await settled(everything.id, 4);
    expect(all.map((row) => row.event)).toEqual([
      "incident.declared",
      "incident.severity_changed",
      "incident.update_posted",
      "incident.resolved",
    ]);
    const resolved = await settled(resolvedOnly.id, 1);
    expect(resolved.map((row) => row.event)).toEqual(["incident.resolved"]);
    expect(
      requestsTo("/resolved-only/hook").map((request) => request.headers["x-vigil-event"]),
    ).toEqual(["incident.resolved"]);
    expect(await rowsOf(disabled.id)).toHaveLength(0);
    expect(requestsTo("/disabled/hook")).toHaveLength(0);
  });
});

describe("exactly once across instances and restarts", () => {
  it("delivers once across a restart and several instances", { timeout: 60_000 }, async () => {
    const webhook = await addWebhook({ path: "/once/hook" });
    receiver.setDefaultDelay(15);
    const url = databaseUrl() ?? "";
    const instanceA = createDb(url, 3);
    const instanceB = createDb(url, 3);
    extraDbs.push(instanceA, instanceB);
    const run = randomUUID().slice(0, 8);
    const keys = Array.from({ length: 60 }, (_, index) => `once:${run}:${index}`);

    await enqueue(keys.slice(0, 30));
    const a = startDeliverer({ db: instanceA, concurrency: 3 });
    const b = startDeliverer({ db: instanceB, concurrency: 3 });
    const restarted = startDeliverer({ concurrency: 3 });
    await waitFor(() => requestsTo("/once/hook").length >= 8, 10_000, "some deliveries");
    await restarted.stop();
    const replacement = startDeliverer({ concurrency: 3 });
    await enqueue(keys.slice(30));

    const rows = await settled(webhook.id, keys.length, 30_000);
    await sleep(500);
    const received = requestsTo("/once/hook");
    const deliveryIds = received.map((request) => request.headers["x-vigil-delivery"]);
    expect(received).toHaveLength(keys.length);
    expect(new Set(deliveryIds).size).toBe(keys.length);
    expect(
      received.map((request) => (JSON.parse(request.body) as IncidentNotification).eventKey).sort(),
    ).toEqual([...keys].sort());
    expect(rows.every((row) => row.status === "delivered" && row.attempts === 1)).toBe(true);
    expect(restarted.deliveredCount).toBeGreaterThan(0);
    const counts = [a, b, restarted, replacement].map((deliverer) => deliverer.deliveredCount);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(keys.length);
    expect(counts.filter((count) => count > 0).length).toBeGreaterThanOrEqual(2);
  });

  it("picks up a row whose lease ran out with its crashed deliverer, and leaves a live lease alone", async () => {
    const webhook = await addWebhook({ path: "/lease/hook" });
    const run = randomUUID().slice(0, 8);
    await enqueue([`lease:${run}:expired`, `lease:${run}:live`]);
    await db.outboxDelivery.updateMany({
      where: { webhookId: webhook.id, eventKey: `lease:${run}:expired` },
      data: { attempts: 1, leasedUntil: new Date(Date.now() - 1_000) },
    });
    await db.outboxDelivery.updateMany({
      where: { webhookId: webhook.id, eventKey: `lease:${run}:live` },
      data: { attempts: 1, leasedUntil: new Date(Date.now() + 3_600_000) },
    });
    startDeliverer();
    await waitFor(
      async () => (await rowsOf(webhook.id)).some((row) => row.status === "delivered"),
      10_000,
      "the expired lease's delivery",
    );
    await sleep(400);

    const rows = await rowsOf(webhook.id);
    expect(rows.find((row) => row.eventKey.endsWith(":expired"))).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
    expect(rows.find((row) => row.eventKey.endsWith(":live"))).toMatchObject({
      status: "pending",
      attempts: 1,
    });
    expect(
      requestsTo("/lease/hook").map(
        (request) => (JSON.parse(request.body) as IncidentNotification).eventKey,
      ),
    ).toEqual([`lease:${run}:expired`]);
  });

  it("does not mark a row whose lease another deliverer took over", async () => {
    const webhook = await addWebhook({ path: "/stolen/hook" });
    receiver.setDefaultDelay(400);
    await enqueue([`stolen:${randomUUID()}`]);
    startDeliverer({ leaseMs: 60_000 });
    await waitFor(() => requestsTo("/stolen/hook").length === 1, 5_000, "the first send");
    // Another deliverer's newer lease, as after an expiry: the first one's result must not land.
    const stolenLease = new Date(Date.now() + 3_600_000);
    await db.outboxDelivery.updateMany({
      where: { webhookId: webhook.id },
      data: { leasedUntil: stolenLease },
    });
    await sleep(800);
    const [row] = await rowsOf(webhook.id);
    expect(row).toMatchObject({ status: "pending", deliveredAt: null });
    expect(row?.leasedUntil?.getTime()).toBe(stolenLease.getTime());
  });
});

describe("failures and secrets", () => {
  it("fails a 404 at once, and keeps the URL's secret out of the stored error and the log", async () => {
    const pathSecret = `ps-${randomUUID()}`;
    const querySecret = `qs-${randomUUID()}`;
    const webhook = await addWebhook({ path: `/hooks/${pathSecret}?token=${querySecret}` });
    expect(JSON.stringify(webhook)).not.toMatch(new RegExp(`${pathSecret}|${querySecret}`));
    receiver.answerWith({ status: 404, body: "no hook at {path}" });
    startDeliverer({ backoff: () => 50 });
    await declareIncident(responder, { title: "Not found", severity: "sev3" });
    const [row] = await settled(webhook.id, 1);
    await sleep(300);

    expect(requestsTo("/hooks/")).toHaveLength(1);
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastHttpStatus: 404 });
    expect(row?.lastError).toMatch(/^HTTP 404: no hook at/);
    const exposed = [row?.lastError ?? "", ...logs].join("\n");
    expect(exposed).not.toContain(pathSecret);
    expect(exposed).not.toContain(querySecret);
    expect(logs.some((line) => line.includes("http://127.0.0.1:") && line.includes("/••••"))).toBe(
      true,
    );
  });

  it("retries a refused connection up to the limit, then fails, without the secret anywhere", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    allowRuleIds.push((await addAllowRule(admin, { rule: `127.0.0.1:${closedPort}` })).id);
    const secret = `tok-${randomUUID()}`;
    const webhook = await createWebhook(admin, {
      name: `refused ${secret.slice(4, 12)}`,
      url: `http://127.0.0.1:${closedPort}/hooks/${secret}`,
      format: "slack",
    });
    webhookIds.push(webhook.id);
    startDeliverer({ backoff: () => 30, maxAttempts: 3 });
    await declareIncident(responder, { title: "Nobody listens", severity: "sev3" });
    const [row] = await settled(webhook.id, 1);
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastHttpStatus: null });
    expect(row?.lastError).toMatch(/refused.*gave up after 3 attempts/);
    expect([row?.lastError ?? "", ...logs].join("\n")).not.toContain(secret);
  });

  it("applies the outbound policy at connect time and on each redirect", async () => {
    const second = await startReceiver("127.0.0.3");
    try {
      const rule = await addAllowRule(admin, { rule: `127.0.0.3:${second.port}` });
      const webhook = await createWebhook(admin, {
        name: `policy ${randomUUID().slice(0, 8)}`,
        url: second.url("/hook"),
        format: "generic",
      });
      webhookIds.push(webhook.id);
      await removeAllowRule(admin, rule.id);
      const redirected = await addWebhook({ path: "/redirect/hook" });
      receiver.answerWith({
        status: 307,
        headers: { location: "http://169.254.169.254/latest/meta-data" },
      });
      startDeliverer();
      await declareIncident(responder, { title: "Policy", severity: "sev3" });

      const [refused] = await settled(webhook.id, 1);
      expect(second.requests).toHaveLength(0);
      expect(refused).toMatchObject({ status: "failed", attempts: 1 });
      expect(refused?.lastError).toMatch(/loopback address/);
      const [bounced] = await settled(redirected.id, 1);
      expect(requestsTo("/redirect/hook")).toHaveLength(1);
      expect(bounced).toMatchObject({ status: "failed", attempts: 1 });
      expect(bounced?.lastError).toMatch(/cloud metadata/);
    } finally {
      await second.close();
    }
  });

  it("refuses a metadata URL on save with a field error that does not repeat the URL", async () => {
    const secret = `meta-${randomUUID()}`;
    const name = `metadata ${randomUUID().slice(0, 8)}`;
    const error = await createWebhook(admin, {
      name,
      url: `http://169.254.169.254/latest/${secret}`,
      format: "generic",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation_failed");
    expect((error as AppError).fields?.url?.[0]).toMatch(/cloud metadata/);
    expect(
      JSON.stringify({ message: (error as AppError).message, fields: (error as AppError).fields }),
    ).not.toContain(secret);
    expect(await db.webhook.count({ where: { name } })).toBe(0);
  });

  it("keeps polling through a database error and logs it once", async () => {
    const broken = createDb("postgresql://nobody:nothing@127.0.0.1:1/none", 1);
    extraDbs.push(broken);
    const deliverer = startDeliverer({ db: broken, pollMs: 50 });
    await sleep(600);
    expect(logs.filter((line) => line.includes("could not claim deliveries"))).toHaveLength(1);
    await deliverer.stop();
  });
});

describe("webhooks by host name", () => {
  it("delivers to a webhook URL by localhost, the receiver listening on 127.0.0.1 and ::1", async () => {
    const byName = await startReceiver("localhost");
    const rules = [
      await addAllowRule(admin, { rule: `127.0.0.1:${byName.port}`, note: "webhook by name" }),
      await addAllowRule(admin, { rule: `[::1]:${byName.port}`, note: "webhook by name" }),
    ];
    try {
      const webhook = await createWebhook(admin, {
        name: `by name ${randomUUID().slice(0, 8)}`,
        url: byName.url("/hooks/by-name"),
        format: "slack",
      });
      webhookIds.push(webhook.id);
      startDeliverer({ backoff: () => 50, maxAttempts: 2 });
      await declareIncident(responder, { title: "Reached by name", severity: "sev3" });
      const [row] = await settled(webhook.id, 1);
      expect(row?.lastError ?? null).toBeNull();
      expect(row).toMatchObject({ status: "delivered", attempts: 1, lastHttpStatus: 200 });
      expect(byName.requests.map((request) => request.path)).toEqual(["/hooks/by-name"]);
      expect(byName.requests[0]?.body).toContain("Reached by name");
    } finally {
      for (const rule of rules) await removeAllowRule(admin, rule.id);
      await byName.close();
    }
  });

  it("refuses on save a URL by localhost that no allow rule covers, naming both loopback addresses", async () => {
    const byName = await startReceiver("localhost");
    try {
      const name = `unallowed name ${randomUUID().slice(0, 8)}`;
      const error = await createWebhook(admin, {
        name,
        url: byName.url("/hooks/x"),
        format: "generic",
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields?.url?.[0]).toMatch(
        /localhost resolves to 127\.0\.0\.1, ::1.*Settings → Outbound allow-list/,
      );
      expect(await db.webhook.count({ where: { name } })).toBe(0);
      expect(byName.requests).toHaveLength(0);
    } finally {
      await byName.close();
    }
  });
});
