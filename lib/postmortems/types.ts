import type { z } from "zod";
import type { IncidentStatus, Severity, TimelineKind } from "@/lib/incidents/labels";
import type { PersonRef } from "@/lib/incidents/types";
import type {
  ActionItemStatus,
  PostmortemSection,
  PostmortemStatus,
  ReviewDecision,
} from "@/lib/postmortems/labels";
import type {
  actionItemListFilterSchema,
  createActionItemSchema,
  postmortemContentPatchSchema,
  postmortemListFilterSchema,
  publishPostmortemSchema,
  requestReviewSchema,
  savePostmortemSchema,
  submitReviewSchema,
  updateActionItemSchema,
} from "@/lib/postmortems/schema";

export type {
  ActionItemStatus,
  PostmortemReminderEvent,
  PostmortemSection,
  PostmortemStatus,
  ReviewDecision,
} from "@/lib/postmortems/labels";

/** Timeline curation: entries are included unless excluded; annotations sit beside an entry and never change it. */
export type TimelineCuration = { excluded: string[]; annotations: Record<string, string> };
export type PostmortemContent = Record<PostmortemSection, string> & { timeline: TimelineCuration };

export type PostmortemContentPatch = z.input<typeof postmortemContentPatchSchema>;
export type SavePostmortemInput = z.input<typeof savePostmortemSchema>;
export type RequestReviewInput = z.input<typeof requestReviewSchema>;
export type SubmitReviewInput = z.input<typeof submitReviewSchema>;
export type PublishPostmortemInput = z.input<typeof publishPostmortemSchema>;
export type CreateActionItemInput = z.input<typeof createActionItemSchema>;
export type UpdateActionItemInput = z.input<typeof updateActionItemSchema>;
export type PostmortemListFilter = z.infer<typeof postmortemListFilterSchema>;
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
  incident: {
    id: string;
    number: number;
    title: string;
    severity: Severity;
    resolvedAt: string | null;
  };
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
export type ReviewView = {
  id: string;
  reviewerLabel: string;
  decision: ReviewDecision;
  comment: string;
  version: number;
  createdAt: string;
};
export type RevisionView = {
  id: string;
  version: number;
  authorId: string | null;
  authorLabel: string;
  startedAt: string;
  savedAt: string;
  content: PostmortemContent;
};

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
