import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { webhookDestination } from "@/lib/notifications/outbox";
import { sendPostmortemReminders } from "@/lib/postmortems/reminders";
import { teamSettingsId } from "@/lib/team/data";
import { makeUser } from "@/test/fixtures";
import { declareResolvedIncident } from "@/test/incidents";

async function postmortemDue(dueAt: string) {
  const responder = await makeUser("responder", "reminders");
  const incident = await declareResolvedIncident(
    responder,
    { title: `reminder ${randomUUID().slice(0, 6)}`, severity: "sev1" },
    { rootCause: "disk full" },
  );
  return db.postmortem.update({
    where: { incidentId: incident.id },
    data: { dueAt: new Date(dueAt) },
  });
}

async function deliveriesFor(webhookId: string, postmortemId: string) {
  const rows = await db.outboxDelivery.findMany({
    where: {
      destination: webhookDestination(webhookId),
      eventKey: { startsWith: `postmortem:${postmortemId}:` },
    },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({ event: row.event, payload: row.payload as Record<string, unknown> }));
}

describe("postmortem reminders", () => {
  let webhookId: string;
  beforeEach(async () => {
    await db.teamSettings.deleteMany({ where: { id: teamSettingsId } });
    const webhook = await db.webhook.create({
      data: {
        name: `reminders ${randomUUID()}`,
        url: "http://198.18.0.1/hook",
        events: ["postmortem.due_soon", "postmortem.overdue"],
      },
    });
    webhookId = webhook.id;
  });
  // Nothing is left queued for a deliverer another test file may start.
  afterEach(async () => {
    await db.webhook.delete({ where: { id: webhookId } });
  });

  it("sends one due-soon reminder on the business day before the due date, and one overdue reminder after it", async () => {
    // Due at the end of Monday 2026-12-07 (UTC): the business day before is Friday 4.
    const postmortem = await postmortemDue("2026-12-07T23:59:59.999Z");
    await sendPostmortemReminders(new Date("2026-12-03T12:00:00Z"));
    expect(await deliveriesFor(webhookId, postmortem.id)).toEqual([]);

    await sendPostmortemReminders(new Date("2026-12-04T09:00:00Z"));
    await sendPostmortemReminders(new Date("2026-12-05T09:00:00Z"));
    const dueSoon = await deliveriesFor(webhookId, postmortem.id);
    expect(dueSoon.map((row) => row.event)).toEqual(["postmortem.due_soon"]);
    expect(dueSoon[0]?.payload).toMatchObject({
      event: "postmortem.due_soon",
      postmortem: { id: postmortem.id, dueIn: "due in 1 business day" },
    });
    expect(String((dueSoon[0]?.payload.postmortem as { url: string }).url)).toMatch(
      new RegExp(`/postmortems/${postmortem.id}$`),
    );

    await sendPostmortemReminders(new Date("2026-12-08T09:00:00Z"));
    await sendPostmortemReminders(new Date("2026-12-09T09:00:00Z"));
    const all = await deliveriesFor(webhookId, postmortem.id);
    expect(all.map((row) => row.event)).toEqual(["postmortem.due_soon", "postmortem.overdue"]);
    expect(all[1]?.payload).toMatchObject({
      message: expect.stringContaining("overdue by 1 business day"),
    });
  });

  it("sends nothing for a published postmortem", async () => {
    const postmortem = await postmortemDue("2026-12-07T23:59:59.999Z");
    await db.postmortem.update({ where: { id: postmortem.id }, data: { status: "published" } });
    await sendPostmortemReminders(new Date("2026-12-09T09:00:00Z"));
    expect(await deliveriesFor(webhookId, postmortem.id)).toEqual([]);
  });

  it("never sends one twice when several instances run at once", async () => {
    const postmortem = await postmortemDue("2026-12-07T23:59:59.999Z");
    const now = new Date("2026-12-08T09:00:00Z");
    await Promise.all([
      sendPostmortemReminders(now),
      sendPostmortemReminders(now),
      sendPostmortemReminders(now),
    ]);
    expect((await deliveriesFor(webhookId, postmortem.id)).map((row) => row.event)).toEqual([
      "postmortem.overdue",
    ]);
  });

  it("counts business days in the team's calendar: a holiday moves the due-soon day earlier", async () => {
    await db.teamSettings.create({
      data: {
        id: teamSettingsId,
        timeZone: "UTC",
        holidays: [{ date: "2026-12-04", name: "Team day" }],
      },
    });
    const postmortem = await postmortemDue("2026-12-07T23:59:59.999Z");
    // Friday 4 is a holiday, so Thursday 3 is the business day before Monday 7.
    await sendPostmortemReminders(new Date("2026-12-03T09:00:00Z"));
    expect((await deliveriesFor(webhookId, postmortem.id)).map((row) => row.event)).toEqual([
      "postmortem.due_soon",
    ]);
    await db.teamSettings.deleteMany({ where: { id: teamSettingsId } });
  });
});
