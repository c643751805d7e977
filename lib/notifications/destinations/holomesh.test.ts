import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { startBoardFixture, testKey, type BoardFixture } from "@/test/board";
import { db } from "@/lib/db";
import { declareIncident, postStatusUpdate } from "@/lib/incidents/mutations";
import { OutboxDeliverer } from "@/lib/notifications/deliverer";
import { waitFor } from "@/test/webhook-receiver";
import { loadAllowRules } from "@/lib/outbound/policy";
import { makeUser } from "@/test/fixtures";

let fixture: BoardFixture;
let responder: Actor;
let deliverer: OutboxDeliverer;
const logs: string[] = [];

beforeAll(async () => {
  fixture = await startBoardFixture();
  responder = await makeUser("responder", "feed-responder");
  deliverer = new OutboxDeliverer({
    pollMs: 100,
    log: (message) => logs.push(message),
    loadRules: () => loadAllowRules({ fresh: true }),
    timeoutMs: 2_000,
  });
  deliverer.start();
});

afterAll(async () => {
  await deliverer.stop();
  await fixture.close();
});

async function teamWith(keyOf: "owner" | "member") {
  const teamId = `team_${randomUUID().slice(0, 8)}`;
  const ownerKey = testKey("feed-owner");
  const memberKey = testKey("feed-member");
  fixture.simulator.addKey(ownerKey, "Founder");
  fixture.simulator.addKey(memberKey, "agent-feed");
  fixture.simulator.addTeam({
    id: teamId,
    name: "Feed team",
    ownerKey,
    memberKeys: [memberKey],
    mode: "build",
  });
  const key = keyOf === "owner" ? ownerKey : memberKey;
  await fixture.connect(teamId, key);
  return { teamId, key };
}

async function settledFeedRow(teamId: string) {
  const destination = `holomesh:${teamId}`;
  await waitFor(
    async () =>
      (await db.outboxDelivery.count({ where: { destination, status: { not: "pending" } } })) > 0,
    8_000,
    "the feed delivery",
  );
  return db.outboxDelivery.findFirstOrThrow({ where: { destination } });
}

describe("incident status updates on the HoloMesh team feed", () => {
  it("posts the update as a text message when the key may post", async () => {
    const { teamId, key } = await teamWith("owner");
    const { incident } = await declareIncident(responder, {
      title: "Checkout errors",
      severity: "sev2",
    });
    await postStatusUpdate(responder, incident.id, {
      message: "Rolled back the deploy; watching error rates.",
    });
    const row = await settledFeedRow(teamId);
    expect(row).toMatchObject({
      status: "delivered",
      event: "incident.update_posted",
      webhookId: null,
    });
    const [message] = fixture.simulator.team(teamId).messages;
    expect(message).toMatchObject({ type: "text" });
    expect(message?.content).toContain(`INC-${incident.number} Checkout errors`);
    expect(message?.content).toContain("Rolled back the deploy; watching error rates.");
    expect(logs.join("\n")).not.toContain(key);
  });

  it("a 401 signing-rejected is 'not permitted': the row fails with a clear message, nothing crashes", async () => {
    const { teamId, key } = await teamWith("member");
    const { incident } = await declareIncident(responder, {
      title: "Queue backlog",
      severity: "sev3",
    });
    await postStatusUpdate(responder, incident.id, { message: "Draining the queue." });
    const row = await settledFeedRow(teamId);
    expect(row.status).toBe("failed");
    expect(row.lastHttpStatus).toBe(401);
    expect(row.lastError).toMatch(/^Not permitted/);
    expect(row.lastError).not.toContain(key);
    expect(fixture.simulator.team(teamId).messages).toHaveLength(0);
  });

  it("enqueues nothing for the feed without a configured key", async () => {
    await db.holoMeshConnection.updateMany({
      where: { id: 1 },
      data: { apiKeyCiphertext: null, apiKeyHint: null },
    });
    const before = await db.outboxDelivery.count({
      where: { destination: { startsWith: "holomesh:" } },
    });
    const { incident } = await declareIncident(responder, { title: "Quiet one", severity: "sev3" });
    await postStatusUpdate(responder, incident.id, { message: "Nothing for the feed." });
    expect(
      await db.outboxDelivery.count({ where: { destination: { startsWith: "holomesh:" } } }),
    ).toBe(before);
  });
});
