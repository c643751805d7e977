import type { IncidentRunbook } from "@/lib/incidents/runbook";
import type { z } from "zod";
import type {
  IncidentStatus,
  NotificationEvent,
  Severity,
  TimelineKind,
} from "@/lib/incidents/labels";
import type {
  declareIncidentSchema,
  incidentListFilterSchema,
  statusUpdateInputSchema,
  timelineEntryInputSchema,
  updateIncidentSchema,
} from "@/lib/incidents/schema";

export type DeclareIncidentInput = z.input<typeof declareIncidentSchema>;
export type UpdateIncidentInput = z.input<typeof updateIncidentSchema>;
export type TimelineEntryInput = z.input<typeof timelineEntryInputSchema>;
export type StatusUpdateInput = z.input<typeof statusUpdateInputSchema>;
export type IncidentListFilter = z.infer<typeof incidentListFilterSchema>;

export type PersonRef = { id: string; name: string; email: string };
export type ServiceRef = { id: string; name: string; environment: string };

export type IncidentView = {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  summary: string;
  userImpact: string;
  workaround: string;
  eta: string;
  commander: PersonRef;
  commsLead: PersonRef | null;
  scribe: PersonRef | null;
  declaredBy: string;
  declaredAt: string;
  identifiedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  rootCause: string | null;
  followUps: string[];
  services: ServiceRef[];
  version: number;
  updatedAt: string;
  postmortem: { id: string; status: string; required: boolean; dueAt: string | null } | null;
};

export type TimelineEntryView = {
  id: string;
  kind: TimelineKind;
  body: string;
  details: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
  authorLabel: string;
  authorName: string | null;
  correctsId: string | null;
  correctedBy: string[];
  stepKey: string | null;
};

export type TimelinePage = { entries: TimelineEntryView[]; nextBefore: string | null };

export type IncidentListItem = Pick<
  IncidentView,
  | "id"
  | "number"
  | "title"
  | "severity"
  | "status"
  | "declaredAt"
  | "mitigatedAt"
  | "resolvedAt"
  | "commander"
  | "services"
>;

export type DurationStats = { count: number; medianMs: number | null; p90Ms: number | null };
export type IncidentReport = {
  months: { month: string; sev1: number; sev2: number; sev3: number }[];
  timeToMitigate: DurationStats;
  timeToResolve: DurationStats;
};

export type IncidentNotification = {
  event: NotificationEvent;
  eventKey: string;
  occurredAt: string;
  actor: string;
  incident: {
    id: string;
    number: number;
    title: string;
    severity: Severity;
    status: IncidentStatus;
    services: string[];
    url: string;
  };
  message: string;
  eta?: string;
  workaround?: string;
  affected?: string;
  previous?: string;
  /** Postmortem reminders link to the document rather than the incident. */
  postmortem?: { id: string; url: string; dueAt: string; dueIn: string };
};

/** A service's latest failing check, shown beside the incident. */
export type FailingCheck = {
  serviceId: string;
  serviceName: string;
  status: string;
  reason: string;
  httpStatus: number | null;
  at: string;
};

/** The incident with what its page shows beside it: the runbook's state and the affected services' latest failures. */
export type IncidentDetail = {
  incident: IncidentView;
  tickedSteps: string[];
  failingChecks: FailingCheck[];
  runbook: IncidentRunbook;
};
