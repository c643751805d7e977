import type { PersonRef } from "@/lib/incidents/types";
import type {
  PostmortemStatus,
  PublishReadiness,
  ReviewDecision,
  ReviewerView,
} from "@/lib/postmortems/types";

export type ReviewerAssignment = { user: PersonRef; assignedAt: Date };
export type ReviewRecord = {
  reviewerId: string | null;
  decision: ReviewDecision;
  version: number;
  createdAt: Date;
};

/** Each assigned reviewer with their latest decision and whether it was given on the current version. */
export function reviewerStates(
  reviewers: ReviewerAssignment[],
  reviews: ReviewRecord[],
  currentVersion: number,
): ReviewerView[] {
  return [...reviewers]
    .sort(
      (a, b) =>
        a.assignedAt.getTime() - b.assignedAt.getTime() || a.user.name.localeCompare(b.user.name),
    )
    .map(({ user, assignedAt }) => {
      const latest = reviews
        .filter((review) => review.reviewerId === user.id)
        .reduce<ReviewRecord | null>(
          (newest, review) =>
            !newest || review.createdAt.getTime() >= newest.createdAt.getTime() ? review : newest,
          null,
        );
      return {
        user,
        assignedAt: assignedAt.toISOString(),
        decision: latest?.decision ?? null,
        decidedAt: latest?.createdAt.toISOString() ?? null,
        decidedOnVersion: latest?.version ?? null,
        current: latest !== null && latest.version === currentVersion,
      };
    });
}

/**
 * Publishing needs the document in review, at least one approval of the current version and no reviewer
 * asking for changes to it. A decision on an earlier version no longer counts either way: the text changed.
 */
export function publishReadiness(input: {
  status: PostmortemStatus;
  reviewers: ReviewerView[];
}): PublishReadiness {
  const current = input.reviewers.filter((reviewer) => reviewer.current);
  const approvals = current.filter((reviewer) => reviewer.decision === "approved").length;
  if (input.status === "published")
    return { canPublish: false, reasons: ["It is already published."], approvals };
  if (input.status === "draft")
    return { canPublish: false, reasons: ["Request a review before publishing."], approvals };

  const reasons: string[] = [];
  if (input.reviewers.length === 0) reasons.push("Assign at least one reviewer.");
  for (const reviewer of current) {
    if (reviewer.decision === "changes_requested")
      reasons.push(`${reviewer.user.name} asked for changes.`);
  }
  if (approvals === 0 && input.reviewers.length > 0) {
    const approvedEarlier = input.reviewers.some(
      (reviewer) => !reviewer.current && reviewer.decision === "approved",
    );
    reasons.push(
      approvedEarlier
        ? "The document changed since it was approved: it needs an approval of the current version."
        : "It needs at least one approval.",
    );
  }
  return { canPublish: reasons.length === 0, reasons, approvals };
}

/**
 * Why this person may not approve, or null when they may: the owner answers for the document, and whoever wrote
 * the text under review (the newest revision) would be approving their own words. Asking for changes stays open to them.
 */
export function selfApprovalRefusal(
  actorId: string,
  document: { ownerId: string | null; currentTextAuthorId: string | null },
): string | null {
  if (document.ownerId === actorId)
    return "You own this postmortem, so you cannot approve it: another reviewer has to.";
  if (document.currentTextAuthorId === actorId)
    return "You wrote the version under review, so you cannot approve it: another reviewer has to.";
  return null;
}
