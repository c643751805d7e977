import { db } from "@/lib/db";
import { teamSettingsId } from "@/lib/team/data";

/**
 * Runs `run` with the team calendar set to `calendar`, then puts back the calendar as it was (or none), since the
 * team settings are one row that other test files read too.
 */
export async function withTeamCalendar<T>(
  calendar: { timeZone: string; holidays: { date: string; name: string }[] },
  run: () => Promise<T>,
): Promise<T> {
  const saved = await db.teamSettings.findUnique({ where: { id: teamSettingsId } });
  await db.teamSettings.upsert({
    where: { id: teamSettingsId },
    create: { id: teamSettingsId, ...calendar },
    update: calendar,
  });
  try {
    return await run();
  } finally {
    if (saved)
      await db.teamSettings.update({
        where: { id: teamSettingsId },
        data: {
          timeZone: saved.timeZone,
          holidays: saved.holidays ?? [],
          version: saved.version,
        },
      });
    else await db.teamSettings.deleteMany({ where: { id: teamSettingsId } });
  }
}
