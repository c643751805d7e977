import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { declareIncident, postStatusUpdate } from "@/lib/incidents/mutations";
import { businessDaysUntil, describeDueIn, utcCalendar } from "@/lib/time/business-days";
import {
  getPostmortemDetail,
  getPostmortemIdForIncident,
  listOverduePostmortems,
  listPostmortems,
} from "@/lib/postmortems/data";
import { ensurePostmortemDraft } from "@/lib/postmortems/mutations";
import { withTeamCalendar } from "@/test/team-calendar";
import { makeUser } from "@/test/fixtures";
import { declareResolvedIncident } from "@/test/incidents";

describe("overdue postmortems", () => {
  it("lists unpublished postmortems past their due date with the business-day wording, and not the others", async () => {
    const responder = await makeUser("responder", "pm");
    const resolveSev1 = (title: string) =>
      declareResolvedIncident(
        responder,
        { title, severity: "sev1" },
        { rootCause: "a bad deploy" },
      );
    const late = await resolveSev1(`late ${randomUUID().slice(0, 6)}`);
    const onTime = await resolveSev1(`on time ${randomUUID().slice(0, 6)}`);
    const published = await resolveSev1(`published ${randomUUID().slice(0, 6)}`);
    const past = new Date(Date.now() - 10 * 86_400_000);
    await db.postmortem.update({ where: { incidentId: late.id }, data: { dueAt: past } });
    await db.postmortem.update({
      where: { incidentId: published.id },
      data: { dueAt: past, status: "published" },
    });

    const overdue = await listOverduePostmortems();
    const ids = overdue.map((item) => item.incident.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(onTime.id);
    expect(ids).not.toContain(published.id);
    const item = overdue.find((entry) => entry.incident.id === late.id);
    expect(item).toMatchObject({ overdue: true, required: true });
    expect(item?.dueIn).toMatch(/^overdue by \d+ business days?$/);

    const [fresh] = await listPostmortems({ incidentId: onTime.id });
    expect(fresh).toMatchObject({ overdue: false, dueIn: "due in 5 business days" });
  });
});

describe("listing postmortems", () => {
  it("filters by status, overdue and incident, with the owner and the open action items", async () => {
    const responder = await makeUser("responder", "pm-list");
    const resolve = (severity: "sev1" | "sev2") =>
      declareResolvedIncident(
        responder,
        { title: `list ${randomUUID().slice(0, 6)}`, severity },
        { rootCause: "a bad deploy", followUps: ["Add a canary", "Pin the base image"] },
      );
    const late = await resolve("sev1");
    const optional = await resolve("sev2");
    await db.postmortem.update({
      where: { incidentId: late.id },
      data: { dueAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    await db.postmortemActionItem.updateMany({
      where: { postmortem: { incidentId: late.id }, title: "Add a canary" },
      data: { status: "done" },
    });
    const lateId = late.postmortem?.id as string;
    const optionalId = optional.postmortem?.id as string;

    const [item] = await listPostmortems({ incidentId: late.id });
    expect(item).toMatchObject({
      id: lateId,
      status: "draft",
      required: true,
      overdue: true,
      owner: { id: responder.id },
      openActionItems: 1,
      publishedAt: null,
      incident: { id: late.id, severity: "sev1" },
    });
    expect(item?.dueIn).toMatch(/^overdue by \d+ business days?$/);

    const overdue = (await listPostmortems({ overdue: true })).map((entry) => entry.id);
    expect(overdue).toContain(lateId);
    expect(overdue).not.toContain(optionalId);
    const notOverdue = (await listPostmortems({ overdue: false })).map((entry) => entry.id);
    expect(notOverdue).toContain(optionalId);
    expect(notOverdue).not.toContain(lateId);

    await db.postmortem.update({ where: { id: optionalId }, data: { status: "in_review" } });
    const inReview = await listPostmortems({ status: "in_review" });
    expect(inReview.map((entry) => entry.id)).toContain(optionalId);
    expect(inReview.every((entry) => entry.status === "in_review")).toBe(true);
    expect(await listPostmortems({ incidentId: "not-a-uuid" })).toEqual([]);

    const everything = await listPostmortems();
    const statuses = everything.map((entry) => entry.status);
    expect(statuses.indexOf("in_review")).toBeGreaterThan(statuses.lastIndexOf("draft"));
  });

  it("counts overdue business days in the team calendar", async () => {
    const responder = await makeUser("responder", "pm-cal");
    const incident = await declareResolvedIncident(
      responder,
      { title: `calendar ${randomUUID().slice(0, 6)}`, severity: "sev1" },
      { rootCause: "a bad deploy" },
    );
    const now = new Date();
    const dueAt = new Date(now.getTime() - 10 * 86_400_000);
    await db.postmortem.update({ where: { incidentId: incident.id }, data: { dueAt } });
    let holiday = new Date(dueAt.getTime() + 86_400_000);
    while ([0, 6].includes(holiday.getUTCDay())) holiday = new Date(holiday.getTime() + 86_400_000);
    const holidayDate = holiday.toISOString().slice(0, 10);

    await withTeamCalendar(
      { timeZone: "UTC", holidays: [{ date: holidayDate, name: "" }] },
      async () => {
        const item = (await listOverduePostmortems(now)).find(
          (entry) => entry.incident.id === incident.id,
        );
        const withHoliday = describeDueIn(
          businessDaysUntil(now, dueAt, { timeZone: "UTC", holidays: [holidayDate] }),
        );
        expect(withHoliday).not.toBe(describeDueIn(businessDaysUntil(now, dueAt, utcCalendar)));
        expect(item?.dueIn).toBe(withHoliday);
      },
    );
  });
});

describe("the postmortem document", () => {
  it("finds the postmortem of an incident", async () => {
    const responder = await makeUser("responder", "pm-find");
    const { incident } = await declareIncident(responder, {
      title: `find ${randomUUID().slice(0, 6)}`,
      severity: "sev3",
    });
    expect(await getPostmortemIdForIncident(incident.id)).toBeNull();
    expect(await getPostmortemIdForIncident("nope")).toBeNull();
    const started = await ensurePostmortemDraft(responder, incident.id);
    expect(await getPostmortemIdForIncident(incident.id)).toBe(started.id);
  });

  it("takes the user-visible effect from the latest status update when the incident has none, and imports at most 2,000 timeline entries oldest first", async () => {
    const responder = await makeUser("responder", "pm-detail");
    const { incident } = await declareIncident(responder, {
      title: `detail ${randomUUID().slice(0, 6)}`,
      severity: "sev2",
    });
    await postStatusUpdate(responder, incident.id, {
      message: "Looking into it",
      affected: "Search",
    });
    await postStatusUpdate(responder, incident.id, {
      message: "Still looking",
      affected: "Search and browse",
    });
    const base = new Date(incident.declaredAt).getTime();
    await db.timelineEntry.createMany({
      data: Array.from({ length: 2_050 }, (_, index) => ({
        incidentId: incident.id,
        kind: "note" as const,
        body: `note ${index}`,
        occurredAt: new Date(base - (index + 1) * 1_000),
        authorLabel: "vitest",
      })),
    });
    const postmortem = await ensurePostmortemDraft(responder, incident.id);
    const detail = await getPostmortemDetail(postmortem.id);
    expect(detail.impact).toMatchObject({
      severity: "sev2",
      userVisibleEffect: "Search and browse",
      startedAt: incident.declaredAt,
      resolvedAt: null,
      durationMs: null,
    });
    expect(detail.detection).toMatchObject({
      impactStartedAt: null,
      detectedBy: "declaration",
      detectedAt: incident.declaredAt,
    });
    expect(detail.timeline).toHaveLength(2_000);
    expect(detail.timeline[0]).toMatchObject({
      body: "note 2049",
      kind: "note",
      included: true,
      annotation: "",
      authorLabel: "vitest",
    });
    const times = detail.timeline.map((entry) => entry.occurredAt);
    expect([...times].sort()).toEqual(times);
    expect(detail.readiness).toEqual({
      canPublish: false,
      reasons: ["Request a review before publishing."],
      approvals: 0,
    });
  });
});
