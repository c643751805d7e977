import { describe, expect, it } from "vitest";
import {
  publishReadiness,
  reviewerStates,
  selfApprovalRefusal,
  type ReviewerAssignment,
  type ReviewRecord,
} from "@/lib/postmortems/workflow";

const ana = { id: "a", name: "Ana", email: "ana@example.test" };
const ben = { id: "b", name: "Ben", email: "ben@example.test" };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));
const assigned: ReviewerAssignment[] = [
  { user: ben, assignedAt: at(0) },
  { user: ana, assignedAt: at(0) },
];
const review = (
  reviewerId: string,
  decision: ReviewRecord["decision"],
  version: number,
  minute: number,
): ReviewRecord => ({ reviewerId, decision, version, createdAt: at(minute) });

describe("reviewerStates", () => {
  it("lists each reviewer with no decision yet", () => {
    expect(reviewerStates(assigned, [], 3)).toEqual([
      {
        user: ana,
        assignedAt: at(0).toISOString(),
        decision: null,
        decidedAt: null,
        decidedOnVersion: null,
        current: false,
      },
      {
        user: ben,
        assignedAt: at(0).toISOString(),
        decision: null,
        decidedAt: null,
        decidedOnVersion: null,
        current: false,
      },
    ]);
  });

  it("takes each reviewer's latest decision and says whether it was on the current version", () => {
    const states = reviewerStates(
      assigned,
      [
        review("a", "changes_requested", 2, 5),
        review("a", "approved", 3, 9),
        review("b", "approved", 2, 6),
        review("z", "approved", 3, 7),
      ],
      3,
    );
    expect(
      states.map((state) => [
        state.user.name,
        state.decision,
        state.decidedOnVersion,
        state.current,
      ]),
    ).toEqual([
      ["Ana", "approved", 3, true],
      ["Ben", "approved", 2, false],
    ]);
  });
});

describe("publishReadiness", () => {
  const states = (reviews: ReviewRecord[], version = 3) =>
    reviewerStates(assigned, reviews, version);

  it("allows publishing an in-review document with a current approval", () => {
    expect(
      publishReadiness({ status: "in_review", reviewers: states([review("a", "approved", 3, 1)]) }),
    ).toEqual({ canPublish: true, reasons: [], approvals: 1 });
  });

  it("refuses a draft and a published document", () => {
    expect(
      publishReadiness({ status: "draft", reviewers: states([review("a", "approved", 3, 1)]) }),
    ).toMatchObject({ canPublish: false, reasons: ["Request a review before publishing."] });
    expect(publishReadiness({ status: "published", reviewers: states([]) })).toMatchObject({
      canPublish: false,
      reasons: ["It is already published."],
    });
  });

  it("refuses without reviewers or without any decision", () => {
    expect(publishReadiness({ status: "in_review", reviewers: [] })).toEqual({
      canPublish: false,
      reasons: ["Assign at least one reviewer."],
      approvals: 0,
    });
    expect(publishReadiness({ status: "in_review", reviewers: states([]) })).toEqual({
      canPublish: false,
      reasons: ["It needs at least one approval."],
      approvals: 0,
    });
  });

  it("refuses while a reviewer asks for changes on the current version, even with another approval", () => {
    expect(
      publishReadiness({
        status: "in_review",
        reviewers: states([review("a", "approved", 3, 1), review("b", "changes_requested", 3, 2)]),
      }),
    ).toEqual({
      canPublish: false,
      reasons: ["Ben asked for changes."],
      approvals: 1,
    });
  });

  it("refuses an approval of an earlier version and says why", () => {
    expect(
      publishReadiness({ status: "in_review", reviewers: states([review("a", "approved", 2, 1)]) }),
    ).toEqual({
      canPublish: false,
      reasons: [
        "The document changed since it was approved: it needs an approval of the current version.",
      ],
      approvals: 0,
    });
  });

  it("lets a change request on an earlier version go once someone approves the current one", () => {
    expect(
      publishReadiness({
        status: "in_review",
        reviewers: states([review("b", "changes_requested", 2, 1), review("a", "approved", 3, 2)]),
      }),
    ).toMatchObject({ canPublish: true, approvals: 1 });
  });

  it("uses a reviewer's latest decision: approving after asking for changes counts", () => {
    expect(
      publishReadiness({
        status: "in_review",
        reviewers: states([review("b", "changes_requested", 3, 1), review("b", "approved", 3, 2)]),
      }),
    ).toMatchObject({ canPublish: true, approvals: 1 });
  });
});

describe("who may approve", () => {
  it("refuses the owner and the author of the current text, and no one else", () => {
    expect(
      selfApprovalRefusal("owner", { ownerId: "owner", currentTextAuthorId: "writer" }),
    ).toMatch(/You own this postmortem/);
    expect(
      selfApprovalRefusal("writer", { ownerId: "owner", currentTextAuthorId: "writer" }),
    ).toMatch(/You wrote the version under review/);
    expect(
      selfApprovalRefusal("reviewer", { ownerId: "owner", currentTextAuthorId: "writer" }),
    ).toBeNull();
    expect(
      selfApprovalRefusal("reviewer", { ownerId: null, currentTextAuthorId: null }),
    ).toBeNull();
  });
});
