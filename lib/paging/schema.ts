import { z } from "zod";
import { maxEscalationDelayMinutes, maxEscalationLevels, maxPolicyRepeat } from "@/lib/paging/levels";


export const escalationTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("on_call") }),
  z.object({ kind: z.literal("escalation_contacts") }),
  z.object({ kind: z.literal("leads") }),
  z.object({ kind: z.literal("user"), userId: z.string().uuid("Choose a person.") }),
]);
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

/** delayMinutes: after the previous level was notified (level 1: after the page opened, normally 0). */
export const escalationLevelSchema = z.object({
  delayMinutes: z.coerce
    .number({ message: "Give the delay in minutes." })
    .int("Whole minutes.")
    .min(0, "The delay cannot be negative.")
    .max(maxEscalationDelayMinutes, `At most ${maxEscalationDelayMinutes} minutes.`),
  targets: z.array(escalationTargetSchema).min(1, "A level needs at least one target.").max(20, "At most 20 targets."),
});
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;

export const escalationLevelsSchema = z
  .array(escalationLevelSchema)
  .min(1, "A policy needs at least one level.")
  .max(maxEscalationLevels, `At most ${maxEscalationLevels} levels.`);

export const escalationPolicyInputSchema = z.object({
  name: z.string().trim().min(1, "Name the policy.").max(80, "At most 80 characters."),
  levels: escalationLevelsSchema,
  repeat: z.coerce.number().int("A whole number.").min(0, "Cannot be negative.").max(maxPolicyRepeat, `At most ${maxPolicyRepeat}.`).default(0),
  isDefault: z.boolean().default(false),
});
export type EscalationPolicyInput = z.input<typeof escalationPolicyInputSchema>;


export const pageStates = ["triggered", "acknowledged", "resolved"] as const;
export type PageState = (typeof pageStates)[number];

/** A page step's key on PageNotification.step. */
export const levelStep = (level: number, round: number) => `level:${level}:${round}`;
export const recoveredStep = "recovered";

export const ackPageSchema = z.object({ version: z.coerce.number().int().min(1).optional() });

export const ackViaValues = ["web", "api", "cli", "link"] as const;
export type AckVia = (typeof ackViaValues)[number];
export const pageListStates = ["open", "all", ...pageStates] as const;
export type PageListState = (typeof pageListStates)[number];

export type PageNotificationView = {
  id: string;
  step: string;
  /** From "level:<n>:<round>"; null for "recovered" and other steps. */
  level: number | null;
  round: number | null;
  userId: string | null;
  recipient: string;
  channel: string;
  target: string;
  status: "pending" | "delivered" | "failed";
  error: string | null;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
};

export type PageView = {
  id: string;
  number: number;
  kind: "service" | "monitor";
  level: "page" | "warning";
  state: PageState;
  title: string;
  reason: string;
  serviceId: string | null;
  serviceName: string | null;
  escalationLevel: number;
  round: number;
  nextEscalationAt: string | null;
  triggeredAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string } | null;
  acknowledgedVia: string | null;
  /** Seconds from triggered to acknowledged. */
  timeToAcknowledgeSeconds: number | null;
  resolvedAt: string | null;
  resolvedReason: string | null;
  unreachableAt: string | null;
  unreachableReason: string | null;
  incident: { id: string; number: number; title: string } | null;
  version: number;
  notifications: PageNotificationView[];
};

export const declareFromPageSchema = z.object({
  severity: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase().replace(/^(sev)?\s*([123])$/, "sev$2") : value === null || value === "" ? undefined : value),
    z.enum(["sev1", "sev2", "sev3"], { message: "Choose SEV1, SEV2 or SEV3." }).default("sev2"),
  ),
});
export type DeclareFromPageInput = z.input<typeof declareFromPageSchema>;

export const listPagesQuerySchema = z.object({
  state: z.enum(pageListStates, { message: `Use one of: ${pageListStates.join(", ")}.` }).default("all"),
  before: z.coerce.number({ message: "Use a page number from a previous list." }).int().min(1).max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1, "At least 1.").max(200, "At most 200.").default(50),
});
export type ListPagesQuery = z.input<typeof listPagesQuerySchema>;
