import type { z } from "zod";
import type { updateTeamCalendarSchema } from "@/lib/team/schema";

export type Holiday = { date: string; name: string };
export type TeamCalendarView = {
  timeZone: string;
  holidays: Holiday[];
  version: number;
  updatedAt: string | null;
};
export type UpdateTeamCalendarInput = z.input<typeof updateTeamCalendarSchema>;
