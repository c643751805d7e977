import type { z } from "zod";
import type { DeployStatus } from "@/lib/deploys/labels";
import type { HandoffCadence } from "@/lib/handoffs/labels";
import type {
  createHandoffSchema,
  escalationContactSchema,
  handoffListFilterSchema,
  updateHandoffScheduleSchema,
  updateOnCallRotationSchema,
} from "@/lib/handoffs/schema";
import type { HealthStatus } from "@/lib/health/labels";
import type { IncidentStatus, Severity } from "@/lib/incidents/labels";
import type { PersonRef } from "@/lib/incidents/types";

export type UpdateHandoffScheduleInput = z.input<typeof updateHandoffScheduleSchema>;
export type UpdateOnCallRotationInput = z.input<typeof updateOnCallRotationSchema>;
export type EscalationContactInput = z.input<typeof escalationContactSchema>;
export type CreateHandoffInput = z.input<typeof createHandoffSchema>;
export type HandoffListFilter = z.infer<typeof handoffListFilterSchema>;

export type HandoffScheduleView = {
  cadence: HandoffCadence;
  hourUtc: number;
  minuteUtc: number;
  weekday: number;
  version: number;
};
export type OnCallRotationView = {
  rotation: { id: string; name: string; disabled: boolean }[];
  rotationStartsAt: string | null;
  version: number;
};

/** `user`: the Vigil user behind the contact, whose contact methods pages reach (the count of enabled ones, never their details). */
export type EscalationContactUser = {
  id: string;
  name: string;
  disabled: boolean;
  enabledMethods: number;
};
export type EscalationContactView = {
  id: string;
  name: string;
  contact: string;
  role: string;
  position: number;
  userId: string | null;
  user: EscalationContactUser | null;
};

/** What the form is generated from: live data at the moment the outgoing on-call opens it. */
export type HandoffServiceLine = {
  id: string;
  name: string;
  environment: string;
  status: HealthStatus | "unknown";
  alertState: string;
  reason: string | null;
};
export type HandoffIncidentLine = {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  commander: string;
  url: string;
};
export type HandoffDeployLine = {
  id: string;
  number: number;
  service: string;
  label: string;
  status: DeployStatus;
  deployedBy: string;
  startedAt: string;
  url: string;
  link: string | null;
};
export type HandoffSnapshot = {
  services: HandoffServiceLine[];
  incidents: HandoffIncidentLine[];
  deploys: HandoffDeployLine[];
  generatedAt: string;
};
export type EscalationLine = { name: string; contact: string };

/** Everything a draft handoff form starts with. */
export type HandoffDraft = {
  windowStart: string;
  windowEnd: string;
  outgoing: PersonRef | null;
  incoming: PersonRef | null;
  snapshot: HandoffSnapshot;
  escalation: EscalationLine[];
  contacts: EscalationContactView[];
  people: PersonRef[];
};

export type HandoffView = {
  id: string;
  number: number;
  windowStart: string;
  windowEnd: string;
  outgoing: { id: string | null; name: string };
  incoming: { id: string | null; name: string };
  snapshot: HandoffSnapshot;
  manualDeploys: string[];
  knownRisks: string[];
  escalation: EscalationLine[];
  notes: string;
  /** The runbook's template (section 8), filled in. */
  text: string;
  createdBy: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Not acknowledged and its window has started. */
  overdue: boolean;
};
