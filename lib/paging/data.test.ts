import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { subscribePageChanges, type PageChange } from "@/lib/live/bus";
import {
  ackPage,
  countOpenPages,
  declareIncidentFromPage,
  getPage,
  listPages,
  listUnacknowledgedPages,
} from "@/lib/paging/data";
import { makeUser, refusal } from "@/test/fixtures";

let ada: Actor;
let grace: Actor;
let viewer: Actor;
let serviceId: string;
const pageIds: string[] = [];

beforeAll(async () => {
  ada = await makeUser("responder", "ada");
  grace = await makeUser("lead", "grace");
  viewer = await makeUser("viewer", "viewer");
  const service = await db.service.create({
    data: {
      name: `Paging data ${randomUUID().slice(0, 8)}`,
      baseUrl: "http://127.0.0.1:9",
      profile: "http",
      enabled: false,
    },
  });
  serviceId = service.id;
});

afterAll(async () => {
  await db.page.deleteMany({ where: { id: { in: pageIds } } });
  await db.service.deleteMany({ where: { id: serviceId } });
});

/** A page as the engine would leave it after notifying level 1 (and maybe level 2). */
async function insertPage(
  fields: {
    state?: "triggered" | "acknowledged" | "resolved";
    triggeredAt?: Date;
    notify?: boolean;
  } = {},
) {
  const triggeredAt = fields.triggeredAt ?? new Date(Date.now() - 5 * 60_000);
  const page = await db.page.create({
    data: {
      kind: "service",
      level: "page",
      serviceId,
      title: "Studio is down",
      reason: "HTTP 503 twice in a row",
      state: fields.state ?? "triggered",
      escalationLevel: 2,
      nextEscalationAt: new Date(Date.now() + 3_600_000),
      triggeredAt,
      ...(fields.state === "resolved"
        ? { resolvedAt: new Date(), resolvedReason: "recovered" }
        : {}),
    },
  });
  pageIds.push(page.id);
  if (fields.notify !== false) {
    await db.pageNotification.createMany({
      data: [
        {
          pageId: page.id,
          step: "level:1:0",
          userId: ada.id,
          recipient: ada.name,
          recipientKey: "m1",
          channel: "email",
          target: "a***@example.com",
          status: "delivered",
          deliveredAt: triggeredAt,
          createdAt: triggeredAt,
        },
        {
          pageId: page.id,
          step: "level:1:0",
          userId: ada.id,
          recipient: ada.name,
          recipientKey: "m2",
          channel: "ntfy",
          target: "https://ntfy.example/…",
          status: "failed",
          error: "HTTP 500",
          createdAt: triggeredAt,
        },
        {
          pageId: page.id,
          step: "level:2:0",
          userId: grace.id,
          recipient: grace.name,
          recipientKey: "m3",
          channel: "webhook",
          target: "https://hooks.example/…",
          status: "delivered",
          createdAt: new Date(triggeredAt.getTime() + 5 * 60_000),
        },
      ],
    });
  }
  return page;
}

describe("ackPage", () => {
  it("acknowledges a triggered page once, stops its escalation, audits and publishes", async () => {
    const page = await insertPage();
    const seen: PageChange[] = [];
    const stop = subscribePageChanges((change) => seen.push(change));
    try {
      const { page: view, changed } = await ackPage(ada, page.id, {
        via: "web",
        version: page.version,
      });
      expect(changed).toBe(true);
      expect(view.state).toBe("acknowledged");
      expect(view.acknowledgedBy).toEqual({ id: ada.id, name: ada.name });
      expect(view.acknowledgedVia).toBe("web");
      expect(view.nextEscalationAt).toBeNull();
      expect(view.version).toBe(page.version + 1);
      expect(view.timeToAcknowledgeSeconds).toBeGreaterThanOrEqual(299);
      expect(view.timeToAcknowledgeSeconds).toBeLessThan(330);
      expect(
        seen.filter((change) => change.pageId === page.id).map((change) => change.what),
      ).toEqual(["acknowledged"]);
    } finally {
      stop();
    }
    const audits = await db.auditLog.findMany({ where: { targetType: "page", targetId: page.id } });
    expect(audits.map((row) => [row.action, row.actorId])).toEqual([["page.acknowledge", ada.id]]);

    // The same person again: success, nothing changes, no second audit row.
    const again = await ackPage(ada, String(page.number), { via: "cli" });
    expect(again.changed).toBe(false);
    expect(again.page.acknowledgedVia).toBe("web");
    expect(await db.auditLog.count({ where: { targetType: "page", targetId: page.id } })).toBe(1);

    const other = await refusal(ackPage(grace, page.id, { via: "api" }));
    expect(other.code).toBe("conflict");
    expect(other.message).toContain(`already acknowledged by ${ada.name}`);
  });

  it("refuses a resolved page, a stale version, a viewer and an unknown page", async () => {
    const resolved = await insertPage({ state: "resolved", notify: false });
    const gone = await refusal(ackPage(ada, resolved.id, { via: "web" }));
    expect(gone.code).toBe("conflict");
    expect(gone.message).toContain("already resolved");

    const page = await insertPage({ notify: false });
    const stale = await refusal(ackPage(ada, page.id, { via: "web", version: page.version + 3 }));
    expect(stale.code).toBe("conflict");
    expect((await db.page.findUniqueOrThrow({ where: { id: page.id } })).state).toBe("triggered");

    expect((await refusal(ackPage(viewer, page.id, { via: "web" }))).code).toBe("forbidden");
    expect((await refusal(ackPage(ada, randomUUID(), { via: "web" }))).code).toBe("not_found");
    expect((await refusal(ackPage(ada, "not-a-page", { via: "web" }))).code).toBe("not_found");
    expect((await refusal(ackPage(ada, page.id, { via: "web", version: "x" }))).code).toBe(
      "validation_failed",
    );
  });

  it("lets exactly one of two people racing win", async () => {
    const page = await insertPage({ notify: false });
    const results = await Promise.allSettled([
      ackPage(ada, page.id, { via: "web" }),
      ackPage(grace, page.id, { via: "api" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
    const row = await db.page.findUniqueOrThrow({ where: { id: page.id } });
    expect(row.state).toBe("acknowledged");
    expect(row.version).toBe(page.version + 1);
    expect(
      await db.auditLog.count({
        where: { targetType: "page", targetId: page.id, action: "page.acknowledge" },
      }),
    ).toBe(1);
  });
});

describe("reading pages", () => {
  it("shows the notification record, the service, and lists open pages for the banner", async () => {
    const page = await insertPage();
    const view = await getPage(`#${page.number}`);
    expect(view.serviceName).toMatch(/^Paging data /);
    expect(
      view.notifications.map((item) => [item.recipient, item.channel, item.status, item.level]),
    ).toEqual([
      [ada.name, "email", "delivered", 1],
      [ada.name, "ntfy", "failed", 1],
      [grace.name, "webhook", "delivered", 2],
    ]);
    expect(view.notifications[1]?.error).toBe("HTTP 500");

    const open = await listPages({ state: "open", limit: 200 });
    expect(open.pages.map((item) => item.id)).toContain(page.id);
    expect(open.pages.every((item) => item.state !== "resolved")).toBe(true);
    const unacknowledged = await listUnacknowledgedPages(500);
    expect(unacknowledged.map((item) => item.id)).toContain(page.id);
    const counts = await countOpenPages();
    expect(counts.triggered).toBeGreaterThanOrEqual(1);

    const first = await listPages({ state: "all", limit: 1 });
    expect(first.pages).toHaveLength(1);
    expect(first.nextBefore).toBe(first.pages[0]?.number);
    const next = await listPages({ state: "all", limit: 1, before: first.nextBefore ?? undefined });
    expect(next.pages[0]?.number).toBeLessThan(first.pages[0]?.number ?? 0);
    expect((await refusal(listPages({ state: "sideways" as "all", limit: 10 }))).code).toBe(
      "validation_failed",
    );
  });
});

describe("declareIncidentFromPage", () => {
  it("declares once, links the page, and tells the page's story on the timeline", async () => {
    const page = await insertPage({ triggeredAt: new Date("2026-11-20T03:02:00Z") });
    await db.page.update({
      where: { id: page.id },
      data: {
        state: "acknowledged",
        acknowledgedAt: new Date("2026-11-20T03:04:00Z"),
        acknowledgedById: ada.id,
        acknowledgedVia: "link",
      },
    });

    const [first, second] = await Promise.all([
      declareIncidentFromPage(ada, page.id, {}),
      declareIncidentFromPage(grace, page.id, { severity: "sev1" }),
    ]);
    expect(first.incident.id).toBe(second.incident.id);
    expect([first.created, second.created].filter(Boolean)).toHaveLength(1);
    const incident = first.incident;
    expect(incident.title).toBe("Studio is down");
    expect(incident.services.map((service) => service.id)).toEqual([serviceId]);
    expect((await getPage(page.id)).incident?.id).toBe(incident.id);

    const entries = await db.timelineEntry.findMany({
      where: { incidentId: incident.id },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    });
    const bodies = entries.map((entry) => entry.body);
    expect(bodies).toContain(
      `Page #${page.number} opened: Studio is down (HTTP 503 twice in a row).`,
    );
    expect(bodies).toContain(
      `Paged ${ada.name} 03:02 UTC (email, ntfy, level 1); could not reach by ntfy: HTTP 500.`,
    );
    expect(bodies).toContain(`Paged ${grace.name} 03:07 UTC (webhook, level 2).`);
    expect(bodies).toContain(`Acknowledged by ${ada.name} 03:04 UTC (link).`);
    expect(entries.filter((entry) => entry.kind === "declared")).toHaveLength(1);

    const third = await declareIncidentFromPage(ada, String(page.number));
    expect(third).toMatchObject({ created: false, incident: { id: incident.id } });
    expect(await db.incident.count({ where: { pages: { some: { id: page.id } } } })).toBe(1);
    expect(
      await db.auditLog.count({
        where: { targetType: "page", targetId: page.id, action: "page.declare_incident" },
      }),
    ).toBe(1);
  });

  it("takes a severity, refuses viewers and bad severities", async () => {
    const page = await insertPage({ notify: false });
    expect((await refusal(declareIncidentFromPage(viewer, page.id))).code).toBe("forbidden");
    const bad = await refusal(declareIncidentFromPage(ada, page.id, { severity: "sev9" }));
    expect(bad.code).toBe("validation_failed");
    expect(bad.fields?.severity).toBeDefined();
    const { incident } = await declareIncidentFromPage(ada, page.id, { severity: "SEV1" });
    expect(incident.severity).toBe("sev1");
  });
});
