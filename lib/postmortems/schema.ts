import type { Severity } from "@/lib/incidents/schema";

export const postmortemStatuses = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof postmortemStatuses)[number];
export const postmortemStatusLabels: Record<PostmortemStatus, string> = { draft: "Draft", in_review: "In review", published: "Published" };

export type PostmortemListItem = {
  id: string;
  status: PostmortemStatus;
  required: boolean;
  dueAt: string | null;
  overdue: boolean;
  /** "due in 3 business days", "overdue by 1 business day"; null when there is no due date or it is published. */
  dueIn: string | null;
  createdAt: string;
  incident: { id: string; number: number; title: string; severity: Severity; resolvedAt: string | null };
};
