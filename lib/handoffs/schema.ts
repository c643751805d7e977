import { z } from "zod";
import { handoffCadences } from "@/lib/handoffs/labels";
import { integerCursorSchema } from "@/lib/validation";
import { zonelessAsUtc } from "@/lib/time/zoneless";

export const updateHandoffScheduleSchema = z.object({
  cadence: z.enum(handoffCadences, { message: "Choose daily or weekly." }),
  hourUtc: z.coerce.number().int("Use a whole hour.").min(0, "0 to 23.").max(23, "0 to 23."),
  minuteUtc: z.coerce
    .number()
    .int("Use whole minutes.")
    .min(0, "0 to 59.")
    .max(59, "0 to 59.")
    .default(0),
  weekday: z.coerce
    .number()
    .int()
    .min(0, "Choose a weekday.")
    .max(6, "Choose a weekday.")
    .default(1),
  version: z.coerce.number().int().min(1, "Send the version you read."),
});

/** The rotation is saved whole, in shift order, on the schedule's version (one version for the whole shift schedule). */
export const updateOnCallRotationSchema = z.object({
  rotation: z
    .array(z.uuid("Pick people from the list."), {
      message: "Send the rotation as a list of user ids.",
    })
    .max(100, "At most 100 people.")
    .refine((ids) => new Set(ids).size === ids.length, "Someone is in the rotation twice."),
  rotationStartsAt: z.preprocess(
    zonelessAsUtc,
    z.coerce
      .date({ message: "Give a date and time." })
      .min(new Date("2000-01-01T00:00:00Z"), "Give a date after 2000.")
      .max(new Date("9999-01-01T00:00:00Z"), "Give a real date.")
      .nullish(),
  ),
  version: z.coerce.number().int().min(1, "Send the version you read."),
});

export const escalationContactSchema = z.object({
  name: z.string().trim().min(1, "Give a name.").max(100, "At most 100 characters."),
  contact: z
    .string()
    .trim()
    .min(1, "Give a phone number or a Slack handle.")
    .max(200, "At most 200 characters."),
  role: z.string().trim().max(100, "At most 100 characters.").default(""),
  position: z.coerce.number().int().min(0).max(1_000).default(0),
  /** A Vigil user behind the contact; blank or null: none (pages cannot reach the contact by themselves). */
  userId: z
    .preprocess(
      (value) => (value === "" ? null : value),
      z.string().uuid("Choose a person from the list.").nullable(),
    )
    .default(null),
});

const line = (max: number, message: string) => z.string().trim().min(1).max(max, message);
const isoTime = z.preprocess(
  zonelessAsUtc,
  z.coerce.date({ message: "Use an ISO 8601 time (UTC)." }),
);

export const createHandoffSchema = z
  .object({
    windowStart: isoTime,
    windowEnd: isoTime,
    outgoingId: z.string().uuid("Choose the outgoing on-call."),
    incomingId: z.string().uuid("Choose the incoming on-call."),
    /** Services owned: ids from the registry; empty means every enabled service. */
    serviceIds: z.array(z.string().uuid()).max(200).default([]),
    manualDeploys: z
      .array(line(300, "At most 300 characters per line."))
      .max(50, "At most 50 lines.")
      .default([]),
    knownRisks: z
      .array(line(300, "At most 300 characters per risk."))
      .max(50, "At most 50 risks.")
      .default([]),
    /** Picked from the escalation contacts list, or typed. */
    escalation: z
      .array(
        z.object({
          name: line(100, "At most 100 characters."),
          contact: line(200, "At most 200 characters."),
        }),
      )
      .min(1, "Name at least one escalation contact.")
      .max(10, "At most 10 contacts."),
    notes: z.string().trim().max(5_000, "At most 5,000 characters.").default(""),
    postToFeed: z.boolean().default(true),
    idempotencyKey: z.string().trim().min(8, "Use at least 8 characters.").max(200).optional(),
  })
  .refine((input) => input.windowEnd.getTime() > input.windowStart.getTime(), {
    message: "The window ends after it starts.",
    path: ["windowEnd"],
  })
  .refine((input) => input.windowEnd.getTime() - input.windowStart.getTime() <= 31 * 86_400_000, {
    message: "A window is at most 31 days.",
    path: ["windowEnd"],
  })
  .refine((input) => input.outgoingId !== input.incomingId, {
    message: "The incoming on-call is someone else.",
    path: ["incomingId"],
  });

export const handoffListFilterSchema = z.object({
  q: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().trim().max(200).optional(),
  ),
  before: z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : value),
    integerCursorSchema.optional(),
  ),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

// Moved to labels.ts and types.ts; kept importable here for modules outside the handoffs domain.
