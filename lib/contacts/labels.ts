export const contactMethodKinds = ["email", "slack", "ntfy", "webhook"] as const;
export type ContactMethodKind = (typeof contactMethodKinds)[number];

export const contactMethodKindLabels: Record<ContactMethodKind, string> = {
  email: "Email",
  slack: "Slack-compatible webhook",
  ntfy: "ntfy topic URL",
  webhook: "Generic webhook",
};

export const contactLabelMaxLength = 60;
export const contactTargetMaxLength = 2_000;
