import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { utcCalendar, type BusinessCalendar } from "@/lib/time/business-days";
import type { Holiday, TeamCalendarView } from "@/lib/team/types";

export const teamSettingsId = 1;

/** Stored holidays are trusted only as far as their shape: anything else is dropped rather than failing a page. */
export function holidaysOf(raw: unknown): Holiday[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (item): item is { date: string; name?: unknown } =>
        typeof item === "object" &&
        item !== null &&
        typeof (item as { date?: unknown }).date === "string",
    )
    .map((item) => ({ date: item.date, name: typeof item.name === "string" ? item.name : "" }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The team's business calendar; UTC with no holidays until an admin sets it. */
export async function getTeamCalendar(
  client: Prisma.TransactionClient = db,
): Promise<BusinessCalendar> {
  const row = await client.teamSettings.findUnique({ where: { id: teamSettingsId } });
  if (!row) return utcCalendar;
  return {
    timeZone: row.timeZone,
    holidays: holidaysOf(row.holidays).map((holiday) => holiday.date),
  };
}

export async function getTeamCalendarView(
  client: Prisma.TransactionClient = db,
): Promise<TeamCalendarView> {
  const row = await client.teamSettings.findUnique({ where: { id: teamSettingsId } });
  if (!row) return { timeZone: utcCalendar.timeZone, holidays: [], version: 1, updatedAt: null };
  return {
    timeZone: row.timeZone,
    holidays: holidaysOf(row.holidays),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
