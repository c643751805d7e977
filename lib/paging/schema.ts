import { z } from "zod";
import {
  maxEscalationDelayMinutes,
  maxEscalationLevels,
  maxPolicyRepeat,
  pageListStates,
} from "@/lib/paging/labels";

/** Kept for app/api/v1/pages/pages.test.ts until it imports from types.ts. */

export const escalationTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("on_call") }),
  z.object({ kind: z.literal("escalation_contacts") }),
  z.object({ kind: z.literal("leads") }),
  z.object({ kind: z.literal("user"), userId: z.string().uuid("Choose a person.") }),
]);

/** delayMinutes: after the previous level was notified (level 1: after the page opened, normally 0). */
export const escalationLevelSchema = z.object({
  delayMinutes: z.coerce
    .number({ message: "Give the delay in minutes." })
    .int("Whole minutes.")
    .min(0, "The delay cannot be negative.")
    .max(maxEscalationDelayMinutes, `At most ${maxEscalationDelayMinutes} minutes.`),
  targets: z
    .array(escalationTargetSchema)
    .min(1, "A level needs at least one target.")
    .max(20, "At most 20 targets."),
});

export const escalationLevelsSchema = z
  .array(escalationLevelSchema)
  .min(1, "A policy needs at least one level.")
  .max(maxEscalationLevels, `At most ${maxEscalationLevels} levels.`);

export const escalationPolicyInputSchema = z.object({
  name: z.string().trim().min(1, "Name the policy.").max(80, "At most 80 characters."),
  levels: escalationLevelsSchema,
  repeat: z.coerce
    .number()
    .int("A whole number.")
    .min(0, "Cannot be negative.")
    .max(maxPolicyRepeat, `At most ${maxPolicyRepeat}.`)
    .default(0),
  isDefault: z.boolean().default(false),
});

export const ackPageSchema = z.object({ version: z.coerce.number().int().min(1).optional() });

export const declareFromPageSchema = z.object({
  severity: z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .trim()
            .toLowerCase()
            .replace(/^(sev)?\s*([123])$/, "sev$2")
        : value === null || value === ""
          ? undefined
          : value,
    z.enum(["sev1", "sev2", "sev3"], { message: "Choose SEV1, SEV2 or SEV3." }).default("sev2"),
  ),
});

export const listPagesQuerySchema = z.object({
  state: z
    .enum(pageListStates, { message: `Use one of: ${pageListStates.join(", ")}.` })
    .default("all"),
  before: z.coerce
    .number({ message: "Use a page number from a previous list." })
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional(),
  limit: z.coerce.number().int().min(1, "At least 1.").max(200, "At most 200.").default(50),
});

export const updateEscalationPolicySchema = escalationPolicyInputSchema.extend({
  isDefault: z.boolean().optional(),
  version: z.coerce
    .number({ message: "Send the version you read." })
    .int()
    .min(1, "Send the version you read."),
});

export const setServicePolicySchema = z.object({
  escalationPolicyId: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.string().uuid("Choose a policy from the list.").nullable(),
  ),
});
