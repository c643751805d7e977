"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/server-action";
import { updateTeamCalendar } from "@/lib/team/mutations";

const holidayField = /^holidays\.(\d{1,3})\.(date|name)$/;

/** The form sends one row per holiday as `holidays.<index>.date` / `.name`, so errors come back on the row they belong to. */
function holidaysFrom(input: Record<string, unknown>): Array<{ date: unknown; name: unknown }> {
  const rows = new Map<number, { date: unknown; name: unknown }>();
  for (const [key, value] of Object.entries(input)) {
    const match = holidayField.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? { date: "", name: "" };
    row[match[2] as "date" | "name"] = value;
    rows.set(index, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

export const updateTeamCalendarAction = guardedAction("admin", async (input, actor) => {
  const result = await updateTeamCalendar(actor, { timeZone: input.timeZone, version: input.version, holidays: holidaysFrom(input) });
  revalidatePath("/settings/team");
  revalidatePath("/postmortems", "layout");
  revalidatePath("/");
  return result;
});
