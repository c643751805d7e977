import { z } from "zod";
import { incidentStatuses, severities, writableTimelineKinds } from "@/lib/incidents/labels";
import { bigintIdStringSchema } from "@/lib/validation";
import { zonelessAsUtc } from "@/lib/time/zoneless";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const blankToNull = (value: unknown) => (value === "" ? null : value);
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const severityValue = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .trim()
          .toLowerCase()
          .replace(/^(sev)?\s*([123])$/, "sev$2")
      : value,
  z.enum(severities, { message: "Choose SEV1, SEV2 or SEV3." }),
);
const userId = z.string().uuid("Choose a user.");
const idempotencyKey = z.string().trim().min(8, "Use at least 8 characters.").max(200);
const followUp = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((value) => !/^\s*javascript:/i.test(value), "Links must be http(s) or plain text.");

export const declareIncidentSchema = z.object({
  title: text(200).min(1, "Give the incident a title."),
  severity: severityValue,
  serviceIds: z.array(z.string().uuid()).max(50).default([]),
  commanderId: z.preprocess(blankToUndefined, userId.optional()),
  commsLeadId: z.preprocess(blankToUndefined, userId.optional()),
  scribeId: z.preprocess(blankToUndefined, userId.optional()),
  summary: text(5_000).default(""),
  userImpact: text(2_000).default(""),
  workaround: text(2_000).default(""),
  eta: text(200).default(""),
  idempotencyKey: z.preprocess(blankToUndefined, idempotencyKey.optional()),
});

export const updateIncidentSchema = z
  .object({
    version: z.coerce.number().int().min(1, "Send the version you read."),
    title: text(200).min(1, "Give the incident a title.").optional(),
    severity: severityValue.optional(),
    status: z
      .enum(incidentStatuses, { message: `Use one of: ${incidentStatuses.join(", ")}.` })
      .optional(),
    commanderId: userId.optional(),
    commsLeadId: z.preprocess(blankToNull, userId.nullable().optional()),
    scribeId: z.preprocess(blankToNull, userId.nullable().optional()),
    summary: text(5_000).optional(),
    userImpact: text(2_000).optional(),
    workaround: text(2_000).optional(),
    eta: text(200).optional(),
    serviceIds: z.array(z.string().uuid()).max(50).optional(),
    rootCause: z.preprocess(blankToUndefined, text(5_000).optional()),
    followUps: z.array(followUp).max(30).optional(),
  })
  .refine((input) => Object.keys(input).some((key) => key !== "version"), {
    message: "Change at least one field.",
    path: ["_"],
  });

export const timelineEntryInputSchema = z.object({
  kind: z.enum(writableTimelineKinds).default("note"),
  body: text(5_000).min(1, "Write something."),
  occurredAt: z.preprocess(
    (value) => zonelessAsUtc(blankToUndefined(value)),
    z.coerce.date({ message: "Use an ISO 8601 time, e.g. 2026-11-28T14:05:00Z." }).optional(),
  ),
  correctsId: z.preprocess(
    blankToUndefined,
    z.string().regex(/^\d+$/, "Name the entry by its id.").optional(),
  ),
  stepKey: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z0-9:_.-]+$/)
      .optional(),
  ),
  idempotencyKey: z.preprocess(blankToUndefined, idempotencyKey.optional()),
});

export const statusUpdateInputSchema = z.object({
  message: text(5_000).min(1, "Say what is happening."),
  affected: text(1_000).default(""),
  eta: text(200).default(""),
  workaround: text(2_000).default(""),
  idempotencyKey: z.preprocess(blankToUndefined, idempotencyKey.optional()),
});

export const timelineQuerySchema = z.object({
  before: z.preprocess(blankToUndefined, bigintIdStringSchema("Use an entry id.").optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const incidentListFilterSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum([...incidentStatuses, "open"]).optional()),
  severity: z.preprocess(blankToUndefined, severityValue.optional()),
  service: z.preprocess(blankToUndefined, z.string().uuid("Use a service id.").optional()),
  from: z.preprocess((value) => zonelessAsUtc(blankToUndefined(value)), z.coerce.date().optional()),
  to: z.preprocess((value) => zonelessAsUtc(blankToUndefined(value)), z.coerce.date().optional()),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// Old import paths of the labels and types, for importers outside the incidents domain.
