import type { IncidentStatus, Severity } from "@/lib/incidents/labels";
import type { IncidentView } from "@/lib/incidents/types";

// Type imports only: the incident page's editors use this in the browser.

export type ComparedField =
  | "title"
  | "severity"
  | "status"
  | "commander"
  | "commsLead"
  | "scribe"
  | "summary"
  | "userImpact"
  | "workaround"
  | "eta"
  | "services"
  | "rootCause"
  | "followUps";

export const comparedFieldLabels: Record<ComparedField, string> = {
  title: "Title",
  severity: "Severity",
  status: "Status",
  commander: "Incident commander",
  commsLead: "Comms lead",
  scribe: "Scribe",
  summary: "Summary",
  userImpact: "User impact",
  workaround: "Workaround",
  eta: "ETA",
  services: "Affected services",
  rootCause: "Root cause",
  followUps: "Follow-ups",
};

export type ValueLabels = {
  severity: Record<Severity, string>;
  status: Record<IncidentStatus, string>;
};
export type FieldDifference = { field: ComparedField; label: string; seen: string; now: string };

const person = (value: IncidentView["commander"] | null) =>
  value ? `${value.name} (${value.email})` : "nobody";

/** A field's value as a person reads it: names and labels, not ids. */
export function displayValue(
  incident: IncidentView,
  field: ComparedField,
  labels: ValueLabels,
): string {
  switch (field) {
    case "severity":
      return labels.severity[incident.severity];
    case "status":
      return labels.status[incident.status];
    case "commander":
    case "commsLead":
    case "scribe":
      return person(incident[field]);
    case "services":
      return incident.services.map((service) => service.name).join(", ") || "none";
    case "followUps":
      return incident.followUps.join(", ") || "none";
    case "rootCause":
      return incident.rootCause ?? "";
    default:
      return incident[field];
  }
}

/** What changed between the incident someone saw and the one there is now, field by field. */
export function differences(
  seen: IncidentView,
  current: IncidentView,
  labels: ValueLabels,
): FieldDifference[] {
  return (Object.keys(comparedFieldLabels) as ComparedField[]).flatMap((field) => {
    const before = displayValue(seen, field, labels);
    const after = displayValue(current, field, labels);
    return before === after
      ? []
      : [{ field, label: comparedFieldLabels[field], seen: before, now: after }];
  });
}

/** The editable form fields, as the update action takes them. */
export const editableFields = [
  "title",
  "severity",
  "commanderId",
  "commsLeadId",
  "scribeId",
  "summary",
  "userImpact",
  "workaround",
  "eta",
  "serviceIds",
] as const;
export type EditableField = (typeof editableFields)[number];
export type IncidentEdit = Partial<Record<EditableField, string>>;

/** The form fields an edit or a status change touches, as the incident fields they change. */
export const comparedFieldOf: Record<
  EditableField | "status" | "rootCause" | "followUps",
  ComparedField
> = {
  title: "title",
  severity: "severity",
  status: "status",
  commanderId: "commander",
  commsLeadId: "commsLead",
  scribeId: "scribe",
  summary: "summary",
  userImpact: "userImpact",
  workaround: "workaround",
  eta: "eta",
  serviceIds: "services",
  rootCause: "rootCause",
  followUps: "followUps",
};

/** The form's values for an incident, so an unchanged field can be told from an edited one. */
export function editValuesOf(incident: IncidentView): Record<EditableField, string> {
  return {
    title: incident.title,
    severity: incident.severity,
    commanderId: incident.commander.id,
    commsLeadId: incident.commsLead?.id ?? "",
    scribeId: incident.scribe?.id ?? "",
    summary: incident.summary,
    userImpact: incident.userImpact,
    workaround: incident.workaround,
    eta: incident.eta,
    serviceIds: incident.services
      .map((service) => service.id)
      .sort()
      .join(","),
  };
}

/**
 * Only the fields the editor changed from the incident it was opened on. Sending just these means a
 * re-apply after a conflict repeats the editor's own changes, never the stale values of other fields.
 */
export function editedFields(
  base: IncidentView,
  values: Record<EditableField, string>,
): IncidentEdit {
  const before = editValuesOf(base);
  const edit: IncidentEdit = {};
  for (const field of editableFields) {
    const value =
      field === "serviceIds"
        ? values.serviceIds.split(",").filter(Boolean).sort().join(",")
        : values[field].trim();
    if (value !== before[field].trim()) edit[field] = value;
  }
  return edit;
}
