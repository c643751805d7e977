import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  retryDelivery,
  sendTestDelivery,
  updateWebhook,
} from "@/lib/notifications/data";
import { makeUser, refusal } from "@/test/fixtures";

let admin: Actor;
let ruleId: string;
const port = 40_000 + Math.floor(Math.random() * 20_000);
const created: string[] = [];

beforeAll(async () => {
  admin = await makeUser("admin", "webhook-data");
  ruleId = (await addAllowRule(admin, { rule: `127.0.0.1:${port}`, note: "webhook data tests" }))
    .id;
});

afterAll(async () => {
  for (const id of created) await deleteWebhook(admin, id).catch(() => undefined);
  await removeAllowRule(admin, ruleId);
});

async function addWebhook(secret: string, overrides: Record<string, unknown> = {}) {
  const webhook = await createWebhook(admin, {
    name: `data ${randomUUID().slice(0, 8)}`,
    url: `http://127.0.0.1:${port}/hooks/${secret}?sig=${secret}`,
    format: "slack",
    events: ["incident.declared"],
    ...overrides,
  });
  created.push(webhook.id);
  return webhook;
}

async function auditTextOf(webhookId: string): Promise<string> {
  const rows = await db.auditLog.findMany({
    where: { targetType: "webhook", targetId: webhookId },
  });
  return JSON.stringify(rows.map((row) => ({ action: row.action, details: row.details })));
}

describe("webhook settings", () => {
  it("stores the URL but shows, lists and audits only the redacted form", async () => {
    const secret = `sec-${randomUUID()}`;
    const webhook = await addWebhook(secret);
    expect(webhook.redactedUrl).toBe(`http://127.0.0.1:${port}/hooks/••••`);
    expect((await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).url).toContain(
      secret,
    );
    const listed = await listWebhooks();
    expect(listed.find((candidate) => candidate.id === webhook.id)).toMatchObject({
      format: "slack",
      events: ["incident.declared"],
      enabled: true,
      lastDelivery: null,
    });
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(await getWebhook(webhook.id))).not.toContain(secret);
    const audit = await auditTextOf(webhook.id);
    expect(audit).toContain("webhook.create");
    expect(audit).not.toContain(secret);
  });

  it("refuses bad input with every field's error and writes nothing", async () => {
    const name = `bad ${randomUUID().slice(0, 8)}`;
    const error = await refusal(
      createWebhook(admin, {
        name,
        url: "ftp://example.com/x",
        format: "teams",
        events: ["incident.exploded"],
      } as never),
    );
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fields ?? {})).toEqual(
      expect.arrayContaining(["url", "format", "events.0"]),
    );
    const loopback = await refusal(
      createWebhook(admin, { name, url: `http://127.0.0.3:${port + 1}/hook`, format: "generic" }),
    );
    expect(loopback.fields?.url?.[0]).toMatch(/loopback address/);
    expect(await db.webhook.count({ where: { name } })).toBe(0);
  });

  it("keeps the stored URL when the edit leaves it blank, and re-checks a new one", async () => {
    const secret = `keep-${randomUUID()}`;
    const webhook = await addWebhook(secret);
    const renamed = await updateWebhook(admin, webhook.id, {
      version: webhook.version,
      name: `${webhook.name} renamed`,
      url: "",
      format: "generic",
      events: [],
    });
    expect(renamed).toMatchObject({ version: webhook.version + 1, format: "generic", events: [] });
    expect((await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).url).toContain(
      secret,
    );

    const refused = await refusal(
      updateWebhook(admin, webhook.id, {
        version: renamed.version,
        url: "http://169.254.169.254/latest/meta-data",
      }),
    );
    expect(refused.fields?.url?.[0]).toMatch(/cloud metadata/);

    const newSecret = `new-${randomUUID()}`;
    const moved = await updateWebhook(admin, webhook.id, {
      version: renamed.version,
      url: `http://127.0.0.1:${port}/other/${newSecret}`,
    });
    expect(moved.redactedUrl).toBe(`http://127.0.0.1:${port}/other/••••`);
    expect((await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).url).toContain(
      newSecret,
    );
    const audit = await auditTextOf(webhook.id);
    expect(audit).toContain('"urlChanged":true');
    expect(audit).not.toContain(newSecret);
    expect(audit).not.toContain(secret);
  });

  it("refuses a stale edit with 409 and a taken name with a field error", async () => {
    const webhook = await addWebhook(`stale-${randomUUID()}`);
    await updateWebhook(admin, webhook.id, { version: webhook.version, enabled: false });
    const stale = await refusal(
      updateWebhook(admin, webhook.id, { version: webhook.version, name: "overwrite" }),
    );
    expect(stale.code).toBe("conflict");
    expect((await getWebhook(webhook.id))?.name).toBe(webhook.name);
    const other = await addWebhook(`other-${randomUUID()}`);
    const taken = await refusal(
      createWebhook(admin, {
        name: other.name,
        url: `http://127.0.0.1:${port}/x`,
        format: "generic",
      }),
    );
    expect(taken).toMatchObject({ code: "conflict", fields: { name: ["Already in use."] } });
    expect((await refusal(updateWebhook(admin, randomUUID(), { version: 1 }))).code).toBe(
      "not_found",
    );
  });

  it("queues a test event for that webhook only, even when disabled, and refuses it once the policy forbids the URL", async () => {
    const webhook = await addWebhook(`test-${randomUUID()}`, { enabled: false });
    const bystander = await addWebhook(`bystander-${randomUUID()}`, { events: [] });
    const delivery = await sendTestDelivery(admin, webhook.id);
    expect(delivery).toMatchObject({ event: "webhook.test", status: "pending", attempts: 0 });
    const row = await db.outboxDelivery.findUniqueOrThrow({ where: { id: BigInt(delivery.id) } });
    expect(row).toMatchObject({ webhookId: webhook.id, destination: `webhook:${webhook.id}` });
    expect(row.payload).toMatchObject({ event: "webhook.test", webhook: { name: webhook.name } });
    expect(await db.outboxDelivery.count({ where: { webhookId: bystander.id } })).toBe(0);
    expect(await auditTextOf(webhook.id)).toContain("webhook.test");

    const elsewhere = await createWebhook(admin, {
      name: `elsewhere ${randomUUID().slice(0, 8)}`,
      url: "http://10.20.30.40/hook",
      format: "generic",
    }).catch((error: unknown) => error);
    expect(elsewhere).toBeInstanceOf(AppError);
    const temporary = await addAllowRule(admin, { rule: "10.20.30.40" });
    const privateHook = await createWebhook(admin, {
      name: `private ${randomUUID().slice(0, 8)}`,
      url: "http://10.20.30.40/hook",
      format: "generic",
    });
    created.push(privateHook.id);
    await removeAllowRule(admin, temporary.id);
    const refused = await refusal(sendTestDelivery(admin, privateHook.id));
    expect(refused.fields?.url?.[0]).toMatch(/private address/);
    expect(await db.outboxDelivery.count({ where: { webhookId: privateHook.id } })).toBe(0);
  });
});

describe("the delivery log", () => {
  it("pages newest first and shows the last delivery on the list", async () => {
    const webhook = await addWebhook(`log-${randomUUID()}`);
    const ids: string[] = [];
    for (let index = 0; index < 5; index++)
      ids.push((await sendTestDelivery(admin, webhook.id)).id);
    const first = await listDeliveries(webhook.id, { limit: 2 });
    expect(first.deliveries.map((delivery) => delivery.id)).toEqual([ids[4], ids[3]]);
    expect(first.nextBefore).toBe(ids[3]);
    const second = await listDeliveries(webhook.id, { limit: 2, before: first.nextBefore });
    expect(second.deliveries.map((delivery) => delivery.id)).toEqual([ids[2], ids[1]]);
    const last = await listDeliveries(webhook.id, { limit: 2, before: second.nextBefore });
    expect(last).toEqual({
      deliveries: [expect.objectContaining({ id: ids[0] })],
      nextBefore: null,
    });
    expect((await getWebhook(webhook.id))?.lastDelivery).toMatchObject({
      status: "pending",
      event: "webhook.test",
    });
    expect((await refusal(listDeliveries(webhook.id, { limit: 0 }))).code).toBe(
      "validation_failed",
    );
  });

  it("retries only a failed delivery, with a fresh round of attempts", async () => {
    const webhook = await addWebhook(`retry-${randomUUID()}`);
    const other = await addWebhook(`retry-other-${randomUUID()}`);
    const delivery = await sendTestDelivery(admin, webhook.id);
    const conflict = await refusal(retryDelivery(admin, webhook.id, delivery.id));
    expect(conflict.code).toBe("conflict");
    await db.outboxDelivery.update({
      where: { id: BigInt(delivery.id) },
      data: { status: "failed", attempts: 8, lastError: "HTTP 500" },
    });
    expect((await refusal(retryDelivery(admin, other.id, delivery.id))).code).toBe("not_found");
    expect((await refusal(retryDelivery(admin, webhook.id, "not-a-number"))).code).toBe(
      "not_found",
    );
    const retried = await retryDelivery(admin, webhook.id, delivery.id);
    expect(retried).toMatchObject({ id: delivery.id, status: "pending", attempts: 0 });
    expect(await auditTextOf(webhook.id)).toContain("webhook.delivery_retry");
  });

  it("deletes a webhook with its deliveries", async () => {
    const webhook = await addWebhook(`delete-${randomUUID()}`);
    await sendTestDelivery(admin, webhook.id);
    await deleteWebhook(admin, webhook.id);
    expect(await getWebhook(webhook.id)).toBeNull();
    expect(await db.outboxDelivery.count({ where: { webhookId: webhook.id } })).toBe(0);
    expect(await auditTextOf(webhook.id)).toContain("webhook.delete");
    expect((await refusal(deleteWebhook(admin, webhook.id))).code).toBe("not_found");
  });
});
