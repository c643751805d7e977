"use client";

import { useState } from "react";
import { textareaClasses } from "@/components/incidents/use-update";
import { useDocumentWrite } from "@/components/postmortems/use-document-write";
import {
  callWrite,
  documentUnanswered,
  type RunVersioned,
} from "@/components/postmortems/write-results";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Time } from "@/components/ui/time";
import type { PersonRef } from "@/lib/incidents/types";
import {
  publishPostmortemAction,
  requestReviewAction,
  submitReviewAction,
} from "@/lib/postmortems/actions";
import { reviewDecisionLabels } from "@/lib/postmortems/labels";
import type { PostmortemDetail, ReviewDecision } from "@/lib/postmortems/types";
import { selfApprovalRefusal } from "@/lib/postmortems/workflow";

const decisionTones: Record<ReviewDecision, BadgeTone> = {
  approved: "up",
  changes_requested: "degraded",
};

function RequestReviewForm({
  detail,
  people,
  run,
}: {
  detail: PostmortemDetail;
  people: PersonRef[];
  run: RunVersioned;
}) {
  const postmortemId = detail.postmortem.id;
  const assigned = detail.reviewers.map((reviewer) => reviewer.user.id);
  const [chosen, setChosen] = useState<string[]>(assigned);
  const { pending, error, go } = useDocumentWrite(run, detail.postmortem.incident.id);
  const inReview = detail.postmortem.status === "in_review";
  // A reviewer who can no longer be chosen (disabled, demoted) still shows while assigned.
  const options = [
    ...people,
    ...detail.reviewers
      .map((reviewer) => reviewer.user)
      .filter((user) => !people.some((person) => person.id === user.id)),
  ];
  const unchanged =
    inReview && chosen.length === assigned.length && chosen.every((id) => assigned.includes(id));
  return (
    <form
      className="flex flex-col gap-2"
      data-testid="request-review-form"
      onSubmit={async (event) => {
        event.preventDefault();
        await go("request", (version) =>
          callWrite(
            () => requestReviewAction(postmortemId, { version, reviewerIds: chosen }),
            documentUnanswered,
          ),
        );
      }}
    >
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-medium">
          {inReview ? "Reviewers" : "Choose at least one reviewer"}
        </legend>
        <div className="flex max-h-48 flex-col gap-0.5 overflow-y-auto">
          {options.map((person) => (
            <label
              key={person.id}
              className="flex items-center gap-2 text-sm"
              data-testid="reviewer-option"
              data-email={person.email}
            >
              <input
                type="checkbox"
                checked={chosen.includes(person.id)}
                onChange={(event) =>
                  setChosen((ids) =>
                    event.target.checked
                      ? [...ids, person.id]
                      : ids.filter((id) => id !== person.id),
                  )
                }
              />
              {person.name} <span className="text-xs text-muted">{person.email}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <InlineError message={error} />
      <Button
        type="submit"
        variant={inReview ? "secondary" : "primary"}
        size="sm"
        className="self-start"
        disabled={pending !== null || chosen.length === 0 || unchanged}
        data-testid="request-review"
      >
        {pending ? "Requesting…" : inReview ? "Update reviewers" : "Request review"}
      </Button>
    </form>
  );
}

function ReviewForm({
  detail,
  actorId,
  run,
}: {
  detail: PostmortemDetail;
  actorId: string;
  run: RunVersioned;
}) {
  const postmortemId = detail.postmortem.id;
  const cannotApprove = selfApprovalRefusal(actorId, {
    ownerId: detail.postmortem.owner?.id ?? null,
    currentTextAuthorId: detail.revisions[0]?.authorId ?? null,
  });
  const [comment, setComment] = useState("");
  const { pending, error, setError, go } = useDocumentWrite(run, detail.postmortem.incident.id);
  async function decide(decision: "approve" | "request_changes") {
    if (decision === "request_changes" && !comment.trim()) {
      setError("Say what should change.");
      return;
    }
    const ok = await go(decision, (version) =>
      callWrite(
        () => submitReviewAction(postmortemId, { decision, comment, version }),
        documentUnanswered,
      ),
    );
    if (ok) setComment("");
  }
  return (
    <div
      className="flex flex-col gap-2 rounded-md border border-accent/40 bg-accent-soft p-2.5"
      data-testid="review-form"
    >
      <p className="text-xs font-medium">
        You are a reviewer of version {detail.postmortem.version}.
      </p>
      <label htmlFor="review-comment" className="text-xs text-muted">
        Comment (required to request changes)
      </label>
      <textarea
        id="review-comment"
        rows={3}
        value={comment}
        onChange={(event) => {
          setComment(event.target.value);
          setError(null);
        }}
        maxLength={5_000}
        className={textareaClasses}
        data-testid="review-comment"
      />
      <InlineError message={error} />
      {cannotApprove ? (
        <p
          id="review-approve-refused"
          className="text-xs text-muted"
          data-testid="review-approve-refused"
        >
          {cannotApprove}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          size="sm"
          disabled={pending !== null || cannotApprove !== null}
          title={cannotApprove ?? undefined}
          aria-describedby={cannotApprove ? "review-approve-refused" : undefined}
          onClick={() => void decide("approve")}
          data-testid="review-approve"
        >
          {pending === "approve" ? "Approving…" : "Approve"}
        </Button>
        <Button
          size="sm"
          disabled={pending !== null}
          onClick={() => void decide("request_changes")}
          data-testid="review-request-changes"
        >
          {pending === "request_changes" ? "Sending…" : "Request changes"}
        </Button>
      </div>
    </div>
  );
}

function PublishControl({ detail, run }: { detail: PostmortemDetail; run: RunVersioned }) {
  const postmortemId = detail.postmortem.id;
  const { pending, error, go } = useDocumentWrite(run, detail.postmortem.incident.id);
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="primary"
        size="sm"
        className="self-start"
        disabled={!detail.readiness.canPublish || pending !== null}
        onClick={() =>
          void go("publish", (version) =>
            callWrite(() => publishPostmortemAction(postmortemId, { version }), documentUnanswered),
          )
        }
        data-testid="publish"
      >
        {pending ? "Publishing…" : "Publish"}
      </Button>
      <p className="text-xs text-muted">
        Publishing makes the document read-only; action items stay editable.
      </p>
      <InlineError message={error} />
    </div>
  );
}

/** draft → in review → published: reviewers, their decisions with comments, and what publishing still needs. */
export function ReviewPanel({
  detail,
  actorId,
  canWrite,
  people,
  run,
}: {
  detail: PostmortemDetail;
  actorId: string;
  canWrite: boolean;
  people: PersonRef[];
  run: RunVersioned;
}) {
  const { postmortem, reviewers, reviews, readiness } = detail;
  const published = postmortem.status === "published";
  const isReviewer = reviewers.some((reviewer) => reviewer.user.id === actorId);
  return (
    <div className="flex flex-col gap-3" data-testid="review-panel" data-status={postmortem.status}>
      {published && postmortem.publishedAt ? (
        <p className="text-sm" data-testid="published-by">
          Published by{" "}
          <span className="font-medium">{postmortem.publishedBy?.name ?? "a former user"}</span> on{" "}
          <Time iso={postmortem.publishedAt} />.
        </p>
      ) : null}
      {reviewers.length > 0 ? (
        <ul className="flex flex-col gap-1" aria-label="Reviewers">
          {reviewers.map((reviewer) => (
            <li
              key={reviewer.user.id}
              className="flex flex-wrap items-center gap-2 text-sm"
              data-testid="reviewer"
              data-decision={reviewer.decision ?? "none"}
              data-current={reviewer.current}
            >
              <span className="font-medium">{reviewer.user.name}</span>
              {reviewer.decision ? (
                <Badge
                  tone={
                    reviewer.current || published ? decisionTones[reviewer.decision] : "neutral"
                  }
                >
                  {reviewDecisionLabels[reviewer.decision]}
                  {reviewer.decidedOnVersion !== null ? ` · v${reviewer.decidedOnVersion}` : ""}
                </Badge>
              ) : (
                <span className="text-xs text-muted">no decision yet</span>
              )}
              {reviewer.decision && !reviewer.current && !published ? (
                <span className="text-xs text-muted">(an earlier version)</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No reviewers yet.</p>
      )}
      {canWrite && !published && postmortem.status === "in_review" && isReviewer ? (
        <ReviewForm key={postmortem.version} detail={detail} actorId={actorId} run={run} />
      ) : null}
      {canWrite && !published ? (
        <RequestReviewForm
          key={reviewers.map((reviewer) => reviewer.user.id).join()}
          detail={detail}
          people={people}
          run={run}
        />
      ) : null}
      {!published ? (
        <div
          className="flex flex-col gap-1.5 border-t border-line pt-2"
          data-testid="readiness"
          data-can-publish={readiness.canPublish}
        >
          {readiness.reasons.length > 0 ? (
            <ul className="list-disc pl-4 text-xs text-muted">
              {readiness.reasons.map((reason) => (
                <li key={reason} data-testid="readiness-reason">
                  {reason}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-up">
              Ready to publish: {readiness.approvals}{" "}
              {readiness.approvals === 1 ? "approval" : "approvals"} on this version.
            </p>
          )}
          {canWrite ? <PublishControl detail={detail} run={run} /> : null}
        </div>
      ) : null}
      {reviews.length > 0 ? (
        <div className="flex flex-col gap-1.5 border-t border-line pt-2">
          <h3 className="text-xs font-semibold">Reviews</h3>
          <ol className="flex flex-col gap-2">
            {reviews.map((review) => (
              <li
                key={review.id}
                className="flex flex-col gap-0.5 text-sm"
                data-testid="review"
                data-decision={review.decision}
              >
                <p className="flex flex-wrap items-center gap-2 text-xs">
                  <span className="font-medium">{review.reviewerLabel}</span>
                  <Badge tone={decisionTones[review.decision]}>
                    {reviewDecisionLabels[review.decision]}
                  </Badge>
                  <span className="text-muted">
                    v{review.version} · <Time iso={review.createdAt} />
                  </span>
                </p>
                {review.comment ? (
                  <p className="break-words whitespace-pre-wrap" data-testid="review-comment-text">
                    {review.comment}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
