export const pageStates = ["triggered", "acknowledged", "resolved"] as const;
export type PageState = (typeof pageStates)[number];

export const pageListStates = ["open", "all", ...pageStates] as const;
export type PageListState = (typeof pageListStates)[number];

export const ackViaValues = ["web", "api", "cli", "link"] as const;
export type AckVia = (typeof ackViaValues)[number];

/** A page step's key on PageNotification.step. */
export const levelStep = (level: number, round: number) => `level:${level}:${round}`;
export const recoveredStep = "recovered";

/** Who one escalation level reaches. */
export const escalationTargetKinds = ["on_call", "escalation_contacts", "leads", "user"] as const;
export type EscalationTargetKind = (typeof escalationTargetKinds)[number];

export const maxEscalationLevels = 10;
export const maxEscalationDelayMinutes = 24 * 60;
export const maxPolicyRepeat = 10;

/** The runbook's default: the on-call at once, the escalation contacts after 5 minutes, every lead after 10. */
export const defaultEscalationLevels: {
  delayMinutes: number;
  targets: { kind: "on_call" | "escalation_contacts" | "leads" }[];
}[] = [
  { delayMinutes: 0, targets: [{ kind: "on_call" }] },
  { delayMinutes: 5, targets: [{ kind: "escalation_contacts" }] },
  { delayMinutes: 5, targets: [{ kind: "leads" }] },
];
export const defaultPolicyName = "Default";
