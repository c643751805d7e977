import type { EscalationLevel } from "@/lib/paging/schema";

// Constants and labels only (no zod): the policy editor, a client component, imports this file.

/** Who one escalation level reaches. */
export const escalationTargetKinds = ["on_call", "escalation_contacts", "leads", "user"] as const;
export type EscalationTargetKind = (typeof escalationTargetKinds)[number];

export const escalationTargetLabels: Record<EscalationTargetKind, string> = {
  on_call: "On call now",
  escalation_contacts: "The escalation contacts",
  leads: "Every lead",
  user: "A person",
};

export const maxEscalationLevels = 10;
export const maxEscalationDelayMinutes = 24 * 60;
export const maxPolicyRepeat = 10;

/** The runbook's default: the on-call at once, the escalation contacts after 5 minutes, every lead after 10. */
export const defaultEscalationLevels: EscalationLevel[] = [
  { delayMinutes: 0, targets: [{ kind: "on_call" }] },
  { delayMinutes: 5, targets: [{ kind: "escalation_contacts" }] },
  { delayMinutes: 5, targets: [{ kind: "leads" }] },
];
export const defaultPolicyName = "Default";
