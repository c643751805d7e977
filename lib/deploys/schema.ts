import { z } from "zod";
import { integerCursorSchema } from "@/lib/validation";
import { deployStatuses } from "@/lib/deploys/labels";
import {
  defaultDeployMaintenanceMinutes,
  maxDeployMaintenanceMinutes,
} from "@/lib/maintenance/labels";
import { zonelessAsUtc } from "@/lib/time/zoneless";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const blankToNull = (value: unknown) => (value === "" ? null : value);
const httpLink = z
  .string()
  .trim()
  .max(2_000, "At most 2,000 characters.")
  .refine(
    (value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol),
    "Use an http(s) link.",
  );
const checklistValue = z.preprocess(
  (value) =>
    value === "true" || value === "on" || value === "yes"
      ? true
      : value === "false" || value === "no"
        ? false
        : value === ""
          ? null
          : value,
  z.boolean({ message: "Use true or false." }).nullable(),
);

export const createDeploySchema = z
  .object({
    /** A service id, or its exact name (what a CI pipeline knows). */
    service: z.string().trim().min(1, "Say which service was deployed.").max(200),
    version: z.preprocess(
      blankToUndefined,
      z.string().trim().max(200, "At most 200 characters.").optional(),
    ),
    commit: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[0-9a-f]{7,64}$/i, "Use a commit hash (7 to 64 hex characters).")
        .optional(),
    ),
    environment: z.preprocess(
      blankToUndefined,
      z.string().trim().min(1).max(50, "At most 50 characters.").default("production"),
    ),
    status: z.preprocess(
      blankToUndefined,
      z
        .enum(deployStatuses, { message: "Use started, succeeded, failed or rolled_back." })
        .default("started"),
    ),
    link: z.preprocess(blankToUndefined, httpLink.optional()),
    /** Who deployed: a person or a pipeline. Defaults to the caller. */
    who: z.preprocess(
      blankToUndefined,
      z.string().trim().max(200, "At most 200 characters.").optional(),
    ),
    ciGreen: checklistValue.optional(),
    noSecretsInDiff: checklistValue.optional(),
    versionTagRecorded: checklistValue.optional(),
    notes: z.preprocess(
      blankToUndefined,
      z.string().trim().max(2_000, "At most 2,000 characters.").optional(),
    ),
    startedAt: z.preprocess(
      (value) => zonelessAsUtc(blankToUndefined(value)),
      z.coerce.date({ message: "Use an ISO 8601 time." }).optional(),
    ),
    idempotencyKey: z.preprocess(
      blankToUndefined,
      z.string().trim().min(8, "Use at least 8 characters.").max(200).optional(),
    ),
    /** A started deploy opens a maintenance window over its service until it finishes, capped at maintenanceMinutes. */
    maintenance: checklistValue.optional(),
    maintenanceMinutes: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ message: "Use a number of minutes." })
        .int("Use whole minutes.")
        .min(1, "At least 1 minute.")
        .max(
          maxDeployMaintenanceMinutes,
          `At most ${maxDeployMaintenanceMinutes} minutes: a deploy's window closes when it finishes anyway.`,
        )
        .default(defaultDeployMaintenanceMinutes),
    ),
  })
  .refine((input) => input.version !== undefined || input.commit !== undefined, {
    message: "Give the version or the commit.",
    path: ["version"],
  })
  .refine((input) => !input.maintenance || input.status === "started", {
    message: "Only a deploy that starts opens a maintenance window.",
    path: ["maintenance"],
  });

export const updateDeploySchema = z.object({
  status: z.preprocess(
    blankToUndefined,
    z
      .enum(deployStatuses, { message: "Use started, succeeded, failed or rolled_back." })
      .optional(),
  ),
  link: z.preprocess(blankToNull, httpLink.nullable().optional()),
  ciGreen: checklistValue.optional(),
  noSecretsInDiff: checklistValue.optional(),
  versionTagRecorded: checklistValue.optional(),
  notes: z.preprocess(
    blankToUndefined,
    z.string().trim().max(2_000, "At most 2,000 characters.").optional(),
  ),
  /** Skip the post-deploy smoke check on `succeeded` (e.g. a service Vigil cannot reach). */
  skipSmoke: z.preprocess((value) => value === "true" || value === true, z.boolean()).optional(),
});

export const deployListFilterSchema = z.object({
  service: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  status: z.preprocess(
    blankToUndefined,
    z
      .enum(deployStatuses, { message: "Use started, succeeded, failed or rolled_back." })
      .optional(),
  ),
  inFlight: z.preprocess(
    (value) =>
      value === "" || value === undefined
        ? undefined
        : value === "true" || value === "1" || value === true,
    z.boolean().optional(),
  ),
  environment: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  before: z.preprocess(blankToUndefined, integerCursorSchema.optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// Moved to labels.ts and types.ts; kept importable here for modules outside the deploys domain.
