import { z } from "zod";
import { isValidTimeZone } from "@/lib/time/business-days";

/** Kept for app/api/v1/postmortems/postmortems.test.ts and e2e/postmortems-list.spec.ts until they import types.ts. */

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-25.")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "That date does not exist.");

export const holidaySchema = z.object({
  date: isoDate,
  name: z.string().trim().max(100, "At most 100 characters.").default(""),
});

export const updateTeamCalendarSchema = z.object({
  timeZone: z
    .string()
    .trim()
    .min(1, "Choose a time zone.")
    .max(100)
    .refine(
      isValidTimeZone,
      "That is not a time zone this server knows (use an IANA name such as Europe/Berlin).",
    ),
  holidays: z
    .array(holidaySchema)
    .max(366, "At most 366 holidays.")
    .refine(
      (list) => new Set(list.map((holiday) => holiday.date)).size === list.length,
      "Each date only once.",
    ),
  version: z.coerce.number().int().min(1, "Send the version you read."),
});
