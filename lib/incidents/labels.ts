// Constants and the words shown for them: no imports, so any module (client components included) may use them.
export const severities = ["sev1", "sev2", "sev3"] as const;
export type Severity = (typeof severities)[number];
export const severityLabels: Record<Severity, string> = {
  sev1: "SEV1",
  sev2: "SEV2",
  sev3: "SEV3",
};
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
export const incidentRoleLabels: Record<IncidentRole, string> = {
  commander: "Incident commander",
  commsLead: "Comms lead",
  scribe: "Scribe",
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

/** The slash commands the scribe's line understands, as the composer's help lists them. */
export const slashCommandHelp = [
  "/status investigating|identified|mitigated",
  "/resolve <root cause>",
  "/sev 1|2|3",
  "/ic @name",
  "/comms @name",
  "/scribe @name",
  "/title <new title>",
  "/action <what was done>",
  "/deploy <what shipped>",
  "/rollback <what was rolled back>",
];
