export const postmortemStatuses = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof postmortemStatuses)[number];
export const postmortemStatusLabels: Record<PostmortemStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
};

/** The document's written sections, in the order they are shown and exported. */
export const postmortemSections = [
  "summary",
  "impact",
  "detection",
  "rootCauses",
  "contributingFactors",
  "wentWell",
  "wasHard",
  "lessons",
] as const;
export type PostmortemSection = (typeof postmortemSections)[number];
export const postmortemSectionLabels: Record<PostmortemSection, string> = {
  summary: "Summary",
  impact: "Impact",
  detection: "Detection",
  rootCauses: "Root cause(s)",
  contributingFactors: "Contributing factors",
  wentWell: "What went well",
  wasHard: "What was hard",
  lessons: "Lessons",
};
export const sectionMaxLength = 20_000;
export const annotationMaxLength = 1_000;

export const emptyPostmortemContent: Record<PostmortemSection, string> & {
  timeline: { excluded: string[]; annotations: Record<string, string> };
} = {
  summary: "",
  impact: "",
  detection: "",
  rootCauses: "",
  contributingFactors: "",
  wentWell: "",
  wasHard: "",
  lessons: "",
  timeline: { excluded: [], annotations: {} },
};

export const reviewDecisions = ["approved", "changes_requested"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDecisionLabels: Record<ReviewDecision, string> = {
  approved: "Approved",
  changes_requested: "Changes requested",
};

export const actionItemStatuses = ["open", "in_progress", "done", "wont_do"] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];
export const actionItemStatusLabels: Record<ActionItemStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  wont_do: "Won't do",
};
export const openActionItemStatuses: readonly ActionItemStatus[] = ["open", "in_progress"];

/** Webhook reminders (through the outbox): the business day before the due date, and when it passes. */
export const postmortemReminderEvents = ["postmortem.due_soon", "postmortem.overdue"] as const;
export type PostmortemReminderEvent = (typeof postmortemReminderEvents)[number];
