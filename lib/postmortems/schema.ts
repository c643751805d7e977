import { z } from "zod";
import type { IncidentStatus, PersonRef, Severity, TimelineKind } from "@/lib/incidents/schema";

export const postmortemStatuses = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof postmortemStatuses)[number];
export const postmortemStatusLabels: Record<PostmortemStatus, string> = { draft: "Draft", in_review: "In review", published: "Published" };

/** The document's written sections, in the order they are shown and exported. */
export const postmortemSections = ["summary", "impact", "detection", "rootCauses", "contributingFactors", "wentWell", "wasHard", "lessons"] as const;
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
export const postmortemSectionHints: Record<PostmortemSection, string> = {
  summary: "What happened, in two or three sentences a newcomer would understand.",
  impact: "What users saw and could not do. The facts above come from the incident.",
  detection: "How it was noticed: an alert, a user report, a teammate. Could it have been noticed sooner?",
  rootCauses: "The conditions in the system that made this possible, not who pressed which button.",
  contributingFactors: "What made it worse or slower to fix: missing alerts, unclear runbooks, load, timing.",
  wentWell: "What helped: tooling, people, luck worth turning into process.",
  wasHard: "Where responders lost time or had to guess.",
  lessons: "What the team now knows that it did not before.",
};
export const sectionMaxLength = 20_000;
export const annotationMaxLength = 1_000;

/** Timeline curation: entries are included unless excluded; annotations sit beside an entry and never change it. */
export type TimelineCuration = { excluded: string[]; annotations: Record<string, string> };
export type PostmortemContent = Record<PostmortemSection, string> & { timeline: TimelineCuration };

export const emptyPostmortemContent: PostmortemContent = {
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

const sectionText = z.string().max(sectionMaxLength, `At most ${sectionMaxLength.toLocaleString("en")} characters.`);
const entryId = z.string().regex(/^\d{1,19}$/, "Use a timeline entry id.");

export const timelineCurationSchema = z.object({
  excluded: z.array(entryId).max(10_000).default([]),
  annotations: z
    .record(entryId, z.string().max(annotationMaxLength, `At most ${annotationMaxLength} characters.`))
    .default({})
    .refine((record) => Object.keys(record).length <= 10_000, "Too many annotations."),
});

/** A save sends only what changed; sections left out keep their stored text. */
export const postmortemContentPatchSchema = z.object({
  summary: sectionText.optional(),
  impact: sectionText.optional(),
  detection: sectionText.optional(),
  rootCauses: sectionText.optional(),
  contributingFactors: sectionText.optional(),
  wentWell: sectionText.optional(),
  wasHard: sectionText.optional(),
  lessons: sectionText.optional(),
  timeline: timelineCurationSchema.optional(),
});
export type PostmortemContentPatch = z.input<typeof postmortemContentPatchSchema>;

/** PUT /api/v1/incidents/:id/postmortem and the editor's autosave. `version` is required once the postmortem exists. */
export const savePostmortemSchema = z.object({
  version: z.coerce.number().int().min(1, "Send the version you read.").optional(),
  content: postmortemContentPatchSchema.default({}),
  ownerId: z.string().uuid("Choose a user.").nullable().optional(),
});
export type SavePostmortemInput = z.input<typeof savePostmortemSchema>;

export const requestReviewSchema = z.object({
  version: z.coerce.number().int().min(1, "Send the version you read."),
  reviewerIds: z.array(z.string().uuid("Choose a user.")).min(1, "Choose at least one reviewer.").max(10, "At most 10 reviewers."),
});
export type RequestReviewInput = z.input<typeof requestReviewSchema>;

export const reviewDecisions = ["approved", "changes_requested"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDecisionLabels: Record<ReviewDecision, string> = { approved: "Approved", changes_requested: "Changes requested" };

export const submitReviewSchema = z
  .object({
    decision: z.preprocess(
      (value) => (value === "approve" ? "approved" : value === "request_changes" ? "changes_requested" : value),
      z.enum(reviewDecisions, { message: "Approve or request changes." }),
    ),
    comment: z.string().trim().max(5_000, "At most 5,000 characters.").default(""),
    version: z.coerce.number().int().min(1, "Send the version you reviewed."),
  })
  .refine((input) => input.decision !== "changes_requested" || input.comment.length > 0, {
    message: "Say what should change.",
    path: ["comment"],
  });
export type SubmitReviewInput = z.input<typeof submitReviewSchema>;

export const publishPostmortemSchema = z.object({ version: z.coerce.number().int().min(1, "Send the version you read.") });

export const actionItemStatuses = ["open", "in_progress", "done", "wont_do"] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];
export const actionItemStatusLabels: Record<ActionItemStatus, string> = { open: "Open", in_progress: "In progress", done: "Done", wont_do: "Won't do" };
export const openActionItemStatuses: readonly ActionItemStatus[] = ["open", "in_progress"];

const blankToNull = (value: unknown) => (value === "" ? null : value);
const dueDate = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-04.")
    .refine((value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "That date does not exist.")
    .nullable(),
);
const issueUrl = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(2_000, "At most 2,000 characters.")
    .refine((value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol), "Use an http(s) link to the issue.")
    .nullable(),
);
const actionItemFields = {
  title: z.string().trim().min(1, "Say what will be done.").max(300, "At most 300 characters."),
  ownerId: z.preprocess(blankToNull, z.string().uuid("Choose a user.").nullable()),
  dueDate,
  issueUrl,
  status: z.enum(actionItemStatuses, { message: "Choose open, in progress, done or won't do." }),
};
export const createActionItemSchema = z.object({
  ...actionItemFields,
  ownerId: actionItemFields.ownerId.optional(),
  dueDate: dueDate.optional(),
  issueUrl: issueUrl.optional(),
  status: actionItemFields.status.default("open"),
});
export type CreateActionItemInput = z.input<typeof createActionItemSchema>;
export const updateActionItemSchema = z.object({
  title: actionItemFields.title.optional(),
  ownerId: actionItemFields.ownerId.optional(),
  dueDate: dueDate.optional(),
  issueUrl: issueUrl.optional(),
  status: actionItemFields.status.optional(),
  version: z.coerce.number().int().min(1, "Send the version you read."),
});
export type UpdateActionItemInput = z.input<typeof updateActionItemSchema>;

const booleanParam = z.preprocess((value) => (value === "" || value === undefined ? undefined : value === "true" || value === "1" || value === true), z.boolean().optional());
export const postmortemListFilterSchema = z.object({
  status: z.preprocess((value) => (value === "" ? undefined : value), z.enum(postmortemStatuses, { message: "Use draft, in_review or published." }).optional()),
  overdue: booleanParam,
  incidentId: z.preprocess((value) => (value === "" ? undefined : value), z.string().uuid().optional()),
});
export type PostmortemListFilter = z.infer<typeof postmortemListFilterSchema>;

export const actionItemListFilterSchema = z.object({
  /** false lists every item, done and won't-do included. */
  open: z.preprocess((value) => (value === "" || value === undefined ? true : value === "true" || value === "1" || value === true), z.boolean()),
  ownerId: z.preprocess((value) => (value === "" ? undefined : value), z.string().uuid().optional()),
});
export type ActionItemListFilter = z.infer<typeof actionItemListFilterSchema>;

export type PostmortemListItem = {
  id: string;
  status: PostmortemStatus;
  required: boolean;
  dueAt: string | null;
  overdue: boolean;
  /** "due in 3 business days", "overdue by 1 business day"; null when there is no due date or it is published. */
  dueIn: string | null;
  createdAt: string;
  owner: PersonRef | null;
  publishedAt: string | null;
  openActionItems: number;
  incident: { id: string; number: number; title: string; severity: Severity; resolvedAt: string | null };
};

export type ActionItemView = {
  id: string;
  postmortemId: string;
  title: string;
  owner: PersonRef | null;
  dueDate: string | null;
  issueUrl: string | null;
  status: ActionItemStatus;
  /** Open or in progress and its due date (end of that day, UTC) has passed. */
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type ActionItemListItem = ActionItemView & {
  postmortem: { id: string; status: PostmortemStatus };
  incident: { id: string; number: number; title: string; severity: Severity };
};

/** Facts computed from the incident and the health data; shown beside the sections, never stored as text. */
export type ImpactFacts = {
  severity: Severity;
  userVisibleEffect: string;
  services: { id: string; name: string }[];
  startedAt: string;
  declaredAt: string;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  /** From impact start (or declaration) to resolution; null while unresolved. */
  durationMs: number | null;
  timeToMitigateMs: number | null;
};
export type DetectionFacts = {
  /** The first failing health check of an affected service before declaration; null when the checks saw nothing. */
  impactStartedAt: string | null;
  firstSignal: { at: string; service: string; state: string; reason: string } | null;
  /** The first alert (or the declaration when no alert came first). */
  detectedAt: string;
  detectedBy: "health_alert" | "declaration";
  timeToDetectMs: number | null;
  timeToDeclareMs: number | null;
};

export type CuratedTimelineEntry = {
  id: string;
  kind: TimelineKind;
  body: string;
  occurredAt: string;
  authorLabel: string;
  included: boolean;
  annotation: string;
};

export type ReviewerView = {
  user: PersonRef;
  assignedAt: string;
  /** The reviewer's latest decision, and whether it was on the current version. */
  decision: ReviewDecision | null;
  decidedAt: string | null;
  decidedOnVersion: number | null;
  current: boolean;
};
export type ReviewView = { id: string; reviewerLabel: string; decision: ReviewDecision; comment: string; version: number; createdAt: string };
export type RevisionView = { id: string; version: number; authorId: string | null; authorLabel: string; startedAt: string; savedAt: string; content: PostmortemContent };

export type PublishReadiness = { canPublish: boolean; reasons: string[]; approvals: number };

export type PostmortemView = {
  id: string;
  status: PostmortemStatus;
  required: boolean;
  dueAt: string | null;
  dueIn: string | null;
  overdue: boolean;
  version: number;
  content: PostmortemContent;
  owner: PersonRef | null;
  reviewRequestedAt: string | null;
  publishedAt: string | null;
  publishedBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
  incident: {
    id: string;
    number: number;
    title: string;
    severity: Severity;
    status: IncidentStatus;
    commander: PersonRef;
    declaredAt: string;
    resolvedAt: string | null;
  };
};

export type PostmortemDetail = {
  postmortem: PostmortemView;
  impact: ImpactFacts;
  detection: DetectionFacts;
  timeline: CuratedTimelineEntry[];
  actionItems: ActionItemView[];
  reviewers: ReviewerView[];
  reviews: ReviewView[];
  revisions: RevisionView[];
  readiness: PublishReadiness;
};

/** Webhook reminders (through the outbox): the business day before the due date, and when it passes. */
export const postmortemReminderEvents = ["postmortem.due_soon", "postmortem.overdue"] as const;
export type PostmortemReminderEvent = (typeof postmortemReminderEvents)[number];
