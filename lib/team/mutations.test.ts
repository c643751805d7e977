import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getTeamCalendar, getTeamCalendarView, teamSettingsId } from "@/lib/team/data";
import { updateTeamCalendar } from "@/lib/team/mutations";
import { makeUser, refusal } from "@/test/fixtures";
import { declareResolvedIncident } from "@/test/incidents";

async function resetCalendar() {
  await db.teamSettings.deleteMany({ where: { id: teamSettingsId } });
}

describe("team calendar", () => {
  afterEach(resetCalendar);

  it("is UTC with no holidays until an admin saves one", async () => {
    await resetCalendar();
    expect(await getTeamCalendar()).toEqual({ timeZone: "UTC", holidays: [] });
    expect(await getTeamCalendarView()).toMatchObject({
      timeZone: "UTC",
      holidays: [],
      version: 1,
      updatedAt: null,
    });
  });

  it("saves a zone and holidays, audits it, and refuses a stale version with the current calendar", async () => {
    await resetCalendar();
    const admin = await makeUser("admin", "calendar");
    const { calendar } = await updateTeamCalendar(admin, {
      timeZone: "Europe/Berlin",
      holidays: [
        { date: "2026-12-25", name: "Christmas Day" },
        { date: "2026-12-24", name: "" },
      ],
      version: 1,
    });
    expect(calendar).toMatchObject({
      timeZone: "Europe/Berlin",
      version: 2,
      holidays: [
        { date: "2026-12-24", name: "" },
        { date: "2026-12-25", name: "Christmas Day" },
      ],
    });
    expect(await getTeamCalendar()).toEqual({
      timeZone: "Europe/Berlin",
      holidays: ["2026-12-24", "2026-12-25"],
    });
    expect(
      await db.auditLog.count({ where: { actorId: admin.id, action: "team.calendar_update" } }),
    ).toBe(1);

    const stale = await refusal(
      updateTeamCalendar(admin, { timeZone: "UTC", holidays: [], version: 1 }),
    );
    expect(stale.code).toBe("conflict");
    expect(stale.details?.current).toMatchObject({ timeZone: "Europe/Berlin", version: 2 });
    expect((await getTeamCalendar()).timeZone).toBe("Europe/Berlin");
  });

  it("answers bad input with field errors and changes nothing", async () => {
    await resetCalendar();
    const admin = await makeUser("admin", "calendar-bad");
    const error = await refusal(
      updateTeamCalendar(admin, {
        timeZone: "Mars/Olympus_Mons",
        holidays: [{ date: "2026-02-30" }, { date: "yesterday" }],
        version: 1,
      }),
    );
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fields ?? {})).toEqual(
      expect.arrayContaining(["timeZone", "holidays.0.date", "holidays.1.date"]),
    );
    const duplicate = await refusal(
      updateTeamCalendar(admin, {
        timeZone: "UTC",
        holidays: [{ date: "2026-12-25" }, { date: "2026-12-25" }],
        version: 1,
      }),
    );
    expect(duplicate.fields?.holidays).toEqual(["Each date only once."]);
    expect(await db.teamSettings.count({ where: { id: teamSettingsId } })).toBe(0);
  });

  it("moves the due dates of open required postmortems with the calendar, and not published ones", async () => {
    await resetCalendar();
    const admin = await makeUser("admin", "calendar-due");
    const responder = await makeUser("responder", "calendar-due");
    const resolveSev1 = async () => {
      const incident = await declareResolvedIncident(
        responder,
        { title: `calendar ${randomUUID().slice(0, 6)}`, severity: "sev1" },
        { rootCause: "a config change" },
      );
      // Resolved on Monday 2026-12-21 10:00 UTC: five business days end on Monday 28 in UTC.
      await db.incident.update({
        where: { id: incident.id },
        data: { resolvedAt: new Date("2026-12-21T10:00:00Z") },
      });
      return db.postmortem.update({
        where: { incidentId: incident.id },
        data: { dueAt: new Date("2026-12-28T23:59:59.999Z"), dueSoonNotifiedAt: new Date() },
      });
    };
    const open = await resolveSev1();
    const published = await resolveSev1();
    await db.postmortem.update({ where: { id: published.id }, data: { status: "published" } });

    const { recomputed } = await updateTeamCalendar(admin, {
      timeZone: "UTC",
      holidays: [{ date: "2026-12-24" }, { date: "2026-12-25" }],
      version: 1,
    });
    expect(recomputed).toBeGreaterThanOrEqual(1);
    const moved = await db.postmortem.findUniqueOrThrow({ where: { id: open.id } });
    // Tue 22, Wed 23, (Thu 24, Fri 25 off), Mon 28, Tue 29, Wed 30.
    expect(moved.dueAt?.toISOString()).toBe("2026-12-30T23:59:59.999Z");
    expect(moved.dueSoonNotifiedAt).toBeNull();
    const untouched = await db.postmortem.findUniqueOrThrow({ where: { id: published.id } });
    expect(untouched.dueAt?.toISOString()).toBe("2026-12-28T23:59:59.999Z");
  });
});
