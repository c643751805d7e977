"use server";

import { revalidatePath } from "next/cache";
import { guardedCall } from "@/lib/server-action";
import { updateTeamCalendar } from "@/lib/team/mutations";
import type { UpdateTeamCalendarInput } from "@/lib/team/types";

/** Holidays arrive in the form's row order, so a field error names the row it belongs to (`holidays.<index>.date`). */
export const updateTeamCalendarAction = guardedCall(
  "admin",
  async (actor, input: UpdateTeamCalendarInput) => {
    const result = await updateTeamCalendar(actor, input);
    revalidatePath("/settings/team");
    revalidatePath("/postmortems", "layout");
    revalidatePath("/");
    return result;
  },
);
