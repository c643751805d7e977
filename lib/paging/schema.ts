import { z } from "zod";

/** Who one escalation level reaches. */
export const escalationTargetKinds = ["on_call", "escalation_contacts", "leads", "user"] as const;
export type EscalationTargetKind = (typeof escalationTargetKinds)[number];

export const escalationTargetLabels: Record<EscalationTargetKind, string> = {
  on_call: "On call now",
  escalation_contacts: "The escalation contacts",
  leads: "Every lead",
  user: "A person",
};

export const escalationTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("on_call") }),
  z.object({ kind: z.literal("escalation_contacts") }),
  z.object({ kind: z.literal("leads") }),
  z.object({ kind: z.literal("user"), userId: z.string().uuid("Choose a person.") }),
]);
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

export const maxEscalationLevels = 10;
export const maxEscalationDelayMinutes = 24 * 60;
export const maxPolicyRepeat = 10;

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

/** The runbook's default: the on-call at once, the escalation contacts after 5 minutes, every lead after 10. */
export const defaultEscalationLevels: EscalationLevel[] = [
  { delayMinutes: 0, targets: [{ kind: "on_call" }] },
  { delayMinutes: 5, targets: [{ kind: "escalation_contacts" }] },
  { delayMinutes: 5, targets: [{ kind: "leads" }] },
];
export const defaultPolicyName = "Default";

export const pageStates = ["triggered", "acknowledged", "resolved"] as const;
export type PageState = (typeof pageStates)[number];

/** A page step's key on PageNotification.step. */
export const levelStep = (level: number, round: number) => `level:${level}:${round}`;
export const recoveredStep = "recovered";

export const ackPageSchema = z.object({ version: z.coerce.number().int().min(1).optional() });
