import { z } from "zod";
import { bigintIdStringSchema } from "@/lib/validation";

export const severities = ["sev1", "sev2", "sev3"] as const;
export type Severity = (typeof severities)[number];
export const severityLabels: Record<Severity, string> = { sev1: "SEV1", sev2: "SEV2", sev3: "SEV3" };
// The runbook's words (section 5), shown wherever a severity is chosen.
export const severityDefinitions: Record<Severity, string> = {
  sev1: "User-visible outage: users cannot use a production surface.",
  sev2: "Degraded: users see errors, slowness or missing features, with a way through.",
  sev3: "Minor issue worth tracking: no user impact yet.",
};

export const incidentStatuses = ["investigating", "identified", "mitigated", "resolved"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
export const statusLabels: Record<IncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  mitigated: "Mitigated (monitoring)",
  resolved: "Resolved",
};

export const timelineKinds = [
  "declared",
  "note",
  "action",
  "status_change",
  "severity_change",
  "role_change",
  "field_change",
  "communication",
  "deploy",
  "rollback",
  "health_event",
  "correction",
] as const;
export type TimelineKind = (typeof timelineKinds)[number];
/** What a person may write directly; the other kinds are written by the changes they record. */
export const writableTimelineKinds = ["note", "action", "deploy", "rollback"] as const;
export type WritableTimelineKind = (typeof writableTimelineKinds)[number];

export const incidentRoles = ["commander", "commsLead", "scribe"] as const;
export type IncidentRole = (typeof incidentRoles)[number];
export const incidentRoleLabels: Record<IncidentRole, string> = { commander: "Incident commander", commsLead: "Comms lead", scribe: "Scribe" };

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const blankToNull = (value: unknown) => (value === "" ? null : value);
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const severityValue = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toLowerCase().replace(/^(sev)?\s*([123])$/, "sev$2") : value),
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
export type DeclareIncidentInput = z.input<typeof declareIncidentSchema>;

export const updateIncidentSchema = z
  .object({
    version: z.coerce.number().int().min(1, "Send the version you read."),
    title: text(200).min(1, "Give the incident a title.").optional(),
    severity: severityValue.optional(),
    status: z.enum(incidentStatuses, { message: `Use one of: ${incidentStatuses.join(", ")}.` }).optional(),
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
  .refine((input) => Object.keys(input).some((key) => key !== "version"), { message: "Change at least one field.", path: ["_"] });
export type UpdateIncidentInput = z.input<typeof updateIncidentSchema>;

export const timelineEntryInputSchema = z.object({
  kind: z.enum(writableTimelineKinds).default("note"),
  body: text(5_000).min(1, "Write something."),
  occurredAt: z.preprocess(blankToUndefined, z.coerce.date({ message: "Use an ISO 8601 time, e.g. 2026-11-28T14:05:00Z." }).optional()),
  correctsId: z.preprocess(blankToUndefined, z.string().regex(/^\d+$/, "Name the entry by its id.").optional()),
  stepKey: z.preprocess(blankToUndefined, z.string().trim().max(100).regex(/^[a-z0-9:_.-]+$/).optional()),
  idempotencyKey: z.preprocess(blankToUndefined, idempotencyKey.optional()),
});
export type TimelineEntryInput = z.input<typeof timelineEntryInputSchema>;

export const statusUpdateInputSchema = z.object({
  message: text(5_000).min(1, "Say what is happening."),
  affected: text(1_000).default(""),
  eta: text(200).default(""),
  workaround: text(2_000).default(""),
  idempotencyKey: z.preprocess(blankToUndefined, idempotencyKey.optional()),
});
export type StatusUpdateInput = z.input<typeof statusUpdateInputSchema>;

export const timelineQuerySchema = z.object({
  before: z.preprocess(blankToUndefined, bigintIdStringSchema("Use an entry id.").optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const incidentListFilterSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum([...incidentStatuses, "open"]).optional()),
  severity: z.preprocess(blankToUndefined, severityValue.optional()),
  service: z.preprocess(blankToUndefined, z.string().uuid("Use a service id.").optional()),
  from: z.preprocess(blankToUndefined, z.coerce.date().optional()),
  to: z.preprocess(blankToUndefined, z.coerce.date().optional()),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
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
  "id" | "number" | "title" | "severity" | "status" | "declaredAt" | "mitigatedAt" | "resolvedAt" | "commander" | "services"
>;

export type DurationStats = { count: number; medianMs: number | null; p90Ms: number | null };
export type IncidentReport = {
  months: { month: string; sev1: number; sev2: number; sev3: number }[];
  timeToMitigate: DurationStats;
  timeToResolve: DurationStats;
};

/** The neutral event every notification destination formats in its own way. */
export const notificationEvents = [
  "incident.declared",
  "incident.severity_changed",
  "incident.status_changed",
  "incident.update_posted",
  "incident.resolved",
  "postmortem.due_soon",
  "postmortem.overdue",
  "handoff.created",
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];
export type IncidentNotification = {
  event: NotificationEvent;
  eventKey: string;
  occurredAt: string;
  actor: string;
  incident: { id: string; number: number; title: string; severity: Severity; status: IncidentStatus; services: string[]; url: string };
  message: string;
  eta?: string;
  workaround?: string;
  affected?: string;
  previous?: string;
  /** Postmortem reminders link to the document rather than the incident. */
  postmortem?: { id: string; url: string; dueAt: string; dueIn: string };
};
