import { z } from "zod";
import type { MaintenanceRecurrence } from "@/lib/maintenance/windows";

export const maintenanceRecurrences = ["none", "weekly"] as const satisfies readonly MaintenanceRecurrence[];
/** The longest a window (each weekly occurrence) may last. */
export const maxMaintenanceMinutes = 7 * 24 * 60;
/** A deploy's window: how long it lasts unless the deploy finishes first, and the most a caller may ask for. */
export const defaultDeployMaintenanceMinutes = 15;
export const maxDeployMaintenanceMinutes = 120;

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** "30m", "2h", "1h30m", "90" (minutes), "1d": minutes, or null when the text is not a duration. */
export function parseDurationMinutes(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const match = /^(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$/.exec(trimmed);
  if (!match || trimmed === "" || (!match[1] && !match[2] && !match[3])) return null;
  return Number(match[1] ?? 0) * 1440 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** A list from JSON (an array), a form (repeated fields arrive as an array) or a CLI/comma-separated string. */
const serviceList = z.preprocess(
  (value) => (typeof value === "string" ? value.split(",").map((item) => item.trim()).filter(Boolean) : value),
  z
    .array(z.string().trim().min(1, "Name a service.").max(200, "At most 200 characters."), { message: "Choose at least one service." })
    .min(1, "Choose at least one service.")
    .max(200, "At most 200 services in one window."),
);

const moment = (label: string) => z.preprocess(blankToUndefined, z.coerce.date({ message: `Use an ISO 8601 time for the ${label}.` }).optional());

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
    reason: z.string({ message: "Say why (the reason shows on the tiles)." }).trim().min(1, "Say why (the reason shows on the tiles).").max(500, "At most 500 characters."),
    recurrence: z.preprocess(blankToUndefined, z.enum(maintenanceRecurrences, { message: "Use none or weekly." }).default("none")),
  })
  .superRefine((input, context) => {
    if (input.endsAt === undefined && input.durationMinutes === undefined) {
      context.addIssue({ code: "custom", path: ["endsAt"], message: "Give an end time or a duration (for N minutes)." });
      return;
    }
    if (input.endsAt !== undefined && input.durationMinutes !== undefined) {
      context.addIssue({ code: "custom", path: ["durationMinutes"], message: "Give either an end time or a duration, not both." });
      return;
    }
    if (input.endsAt === undefined) return;
    const start = input.startsAt ?? new Date();
    const minutes = (input.endsAt.getTime() - start.getTime()) / 60_000;
    if (minutes <= 0) context.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start." });
    else if (minutes > maxMaintenanceMinutes) context.addIssue({ code: "custom", path: ["endsAt"], message: "A window lasts at most 7 days." });
  });
export type CreateMaintenanceInput = z.input<typeof createMaintenanceSchema>;
export type ParsedMaintenanceInput = z.infer<typeof createMaintenanceSchema>;

/** The start and end a parsed input means, `now` standing in for a missing start. */
export function windowTimesOf(input: ParsedMaintenanceInput, now: Date): { startsAt: Date; endsAt: Date } {
  const startsAt = input.startsAt ?? now;
  const endsAt = input.endsAt ?? new Date(startsAt.getTime() + (input.durationMinutes ?? 0) * 60_000);
  return { startsAt, endsAt };
}

/** Ending early or cancelling: the version the caller saw, when it says (else the write only checks the window is still in effect). */
export const changeMaintenanceSchema = z.object({
  version: z.preprocess(blankToUndefined, z.coerce.number({ message: "Use the version you saw." }).int().positive().optional()),
});
export type ChangeMaintenanceInput = z.input<typeof changeMaintenanceSchema>;

export const maintenanceListQuerySchema = z.object({
  service: z.preprocess(blankToUndefined, z.string().uuid("Use a service id.").optional()),
  recentDays: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(90).default(7)),
});
export type MaintenanceListQuery = z.infer<typeof maintenanceListQuerySchema>;

export type MaintenanceState = "active" | "upcoming" | "ended";

export type MaintenanceWindowView = {
  id: string;
  number: number;
  reason: string;
  services: { id: string; name: string; environment: string }[];
  startsAt: string;
  endsAt: string;
  recurrence: MaintenanceRecurrence;
  deploy: { id: string; number: number } | null;
  createdBy: string;
  endedAt: string | null;
  endedBy: string | null;
  cancelledAt: string | null;
  version: number;
  createdAt: string;
  state: MaintenanceState;
  /** The occurrence in effect now. */
  current: { start: string; end: string } | null;
  /** The next occurrence that has not begun (weekly windows have one after the current). */
  next: { start: string; end: string } | null;
};

export type MaintenanceList = { active: MaintenanceWindowView[]; upcoming: MaintenanceWindowView[]; recent: MaintenanceWindowView[] };
