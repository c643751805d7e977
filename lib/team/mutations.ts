import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { conflictError } from "@/lib/errors";
import { businessDeadline, sev1PostmortemBusinessDays } from "@/lib/time/business-days";
import { getTeamCalendar, getTeamCalendarView, teamSettingsId } from "@/lib/team/data";
import { updateTeamCalendarSchema } from "@/lib/team/schema";
import type { TeamCalendarView, UpdateTeamCalendarInput } from "@/lib/team/types";
import { parseInput } from "@/lib/validation";

/**
 * Saves the team's time zone and holidays and, in the same transaction, moves the due dates of required
 * postmortems not yet published: a deadline is a promise in the team's calendar, so it follows the calendar.
 */
export async function updateTeamCalendar(
  actor: Actor | AuditActor,
  input: UpdateTeamCalendarInput,
): Promise<{ calendar: TeamCalendarView; recomputed: number }> {
  const parsed = parseInput(updateTeamCalendarSchema, input);
  const holidays = [...parsed.holidays].sort((a, b) => a.date.localeCompare(b.date));
  return db.$transaction(async (tx) => {
    // The row is created at version 1 the first time anyone saves; the page offers version 1 before that.
    await tx.teamSettings.upsert({
      where: { id: teamSettingsId },
      create: { id: teamSettingsId },
      update: {},
    });
    const { count } = await tx.teamSettings.updateMany({
      where: { id: teamSettingsId, version: parsed.version },
      data: { timeZone: parsed.timeZone, holidays, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await getTeamCalendarView(tx);
      throw conflictError(
        "Someone changed the team calendar since you opened it. Reload to see their change.",
        undefined,
        { current },
      );
    }
    const calendar = await getTeamCalendar(tx);
    const open = await tx.postmortem.findMany({
      where: {
        required: true,
        status: { not: "published" },
        incident: { resolvedAt: { not: null } },
      },
      select: { id: true, dueAt: true, incident: { select: { resolvedAt: true } } },
    });
    let recomputed = 0;
    for (const postmortem of open) {
      if (!postmortem.incident.resolvedAt) continue;
      const dueAt = businessDeadline(
        postmortem.incident.resolvedAt,
        sev1PostmortemBusinessDays,
        calendar,
      );
      if (postmortem.dueAt?.getTime() === dueAt.getTime()) continue;
      // A new deadline deserves its own reminders.
      await tx.postmortem.update({
        where: { id: postmortem.id },
        data: { dueAt, dueSoonNotifiedAt: null, overdueNotifiedAt: null },
      });
      recomputed += 1;
    }
    await recordAudit(tx, actor, {
      action: "team.calendar_update",
      targetType: "team",
      targetId: String(teamSettingsId),
      details: {
        timeZone: parsed.timeZone,
        holidays: holidays.map((holiday) => holiday.date),
        recomputedDueDates: recomputed,
      },
    });
    return { calendar: await getTeamCalendarView(tx), recomputed };
  });
}
