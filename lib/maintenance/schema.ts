import { z } from "zod";
import { maintenanceRecurrences, maxMaintenanceMinutes } from "@/lib/maintenance/labels";
import { parseDurationMinutes } from "@/lib/maintenance/windows";
import { zonelessAsUtc } from "@/lib/time/zoneless";

/** Kept for lib/deploys/schema.ts and app/api/v1/maintenance/maintenance.test.ts until they import labels.ts and types.ts. */

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** A list from JSON (an array), a form (repeated fields arrive as an array) or a CLI/comma-separated string. */
const serviceList = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  z
    .array(z.string().trim().min(1, "Name a service.").max(200, "At most 200 characters."), {
      message: "Choose at least one service.",
    })
    .min(1, "Choose at least one service.")
    .max(200, "At most 200 services in one window."),
);

const moment = (label: string) =>
  z.preprocess(
    (value) => zonelessAsUtc(blankToUndefined(value)),
    z.coerce.date({ message: `Use an ISO 8601 time for the ${label}.` }).optional(),
  );

const durationField = z.preprocess(
  (value) => {
    const blank = blankToUndefined(value);
    if (typeof blank !== "string") return blank;
    return parseDurationMinutes(blank) ?? blank;
  },
  z
    .number({ message: "Use a number of minutes, or a duration such as 30m or 2h." })
    .int("Use whole minutes.")
    .min(1, "At least 1 minute.")
    .max(maxMaintenanceMinutes, "At most 7 days (10,080 minutes).")
    .optional(),
);

export const createMaintenanceSchema = z
  .object({
    /** Service ids, or exact names. */
    services: serviceList,
    /** Omitted: starts now. */
    startsAt: moment("start"),
    endsAt: moment("end"),
    /** "for 30 minutes": instead of endsAt. */
    durationMinutes: durationField,
    reason: z
      .string({ message: "Say why (the reason shows on the tiles)." })
      .trim()
      .min(1, "Say why (the reason shows on the tiles).")
      .max(500, "At most 500 characters."),
    recurrence: z.preprocess(
      blankToUndefined,
      z.enum(maintenanceRecurrences, { message: "Use none or weekly." }).default("none"),
    ),
  })
  .superRefine((input, context) => {
    if (input.endsAt === undefined && input.durationMinutes === undefined) {
      context.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: "Give an end time or a duration (for N minutes).",
      });
      return;
    }
    if (input.endsAt !== undefined && input.durationMinutes !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["durationMinutes"],
        message: "Give either an end time or a duration, not both.",
      });
      return;
    }
    if (input.endsAt === undefined) return;
    const start = input.startsAt ?? new Date();
    const minutes = (input.endsAt.getTime() - start.getTime()) / 60_000;
    if (minutes <= 0)
      context.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: "The end must be after the start.",
      });
    else if (minutes > maxMaintenanceMinutes)
      context.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: "A window lasts at most 7 days.",
      });
  });
/** Ending early or cancelling: the version the caller saw, when it says (else the write only checks the window is still in effect). */
export const changeMaintenanceSchema = z.object({
  version: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: "Use the version you saw." }).int().positive().optional(),
  ),
});
export const maintenanceListQuerySchema = z.object({
  service: z.preprocess(blankToUndefined, z.string().uuid("Use a service id.").optional()),
  recentDays: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(90).default(7)),
});
