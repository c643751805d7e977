import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createService } from "@/lib/services/mutations";
import { declareIncident, startPostmortemDraft, updateIncident } from "@/lib/incidents/mutations";
import type { DeclareIncidentInput } from "@/lib/incidents/types";
import type { Severity } from "@/lib/incidents/labels";
import { businessDeadline, localDateOf } from "@/lib/time/business-days";
import { getPostmortemDetail, listActionItems, listPostmortems } from "@/lib/postmortems/data";
import {
  createActionItem,
  ensurePostmortemDraft,
  publishPostmortem,
  requestReview,
  revisionSessionMs,
  savePostmortem,
  submitReview,
  updateActionItem,
} from "@/lib/postmortems/mutations";
import type { PostmortemView } from "@/lib/postmortems/types";
import { withTeamCalendar } from "@/test/team-calendar";
import { makeUser, refusal } from "@/test/fixtures";
import { declareResolvedIncident } from "@/test/incidents";

let commander: Actor;
let editor: Actor;
let reviewer: Actor;
let secondReviewer: Actor;
let viewer: Actor;
let admin: Actor;

beforeAll(async () => {
  [commander, editor, reviewer, secondReviewer, viewer, admin] = await Promise.all([
    makeUser("responder", "pm-commander"),
    makeUser("responder", "pm-editor"),
    makeUser("responder", "pm-reviewer"),
    makeUser("lead", "pm-reviewer-2"),
    makeUser("viewer", "pm-viewer"),
    makeUser("admin", "pm-admin"),
  ]);
});

const suffix = () => randomUUID().slice(0, 6);

async function resolvedIncident(
  severity: Severity,
  declare: Partial<DeclareIncidentInput> = {},
  resolve: { rootCause?: string; followUps?: string[] } = {},
) {
  return declareResolvedIncident(
    editor,
    { title: `Checkout down ${suffix()}`, severity, commanderId: commander.id, ...declare },
    {
      rootCause: resolve.rootCause ?? "A config push disabled the payment pool",
      ...(resolve.followUps ? { followUps: resolve.followUps } : {}),
    },
  );
}

async function draftOf(
  severity: Severity = "sev1",
): Promise<{ incidentId: string; postmortem: PostmortemView }> {
  const incident = await resolvedIncident(severity);
  const detail = await getPostmortemDetail(incident.postmortem?.id as string);
  return { incidentId: incident.id, postmortem: detail.postmortem };
}

/** A postmortem in review with `reviewer` assigned, at its current version. */
async function inReview(): Promise<{ incidentId: string; postmortemId: string; version: number }> {
  const { incidentId, postmortem } = await draftOf();
  const detail = await requestReview(editor, postmortem.id, {
    version: postmortem.version,
    reviewerIds: [reviewer.id],
  });
  return { incidentId, postmortemId: postmortem.id, version: detail.postmortem.version };
}

function nextWeekdayIn(timeZone: string, from: Date): string {
  const today = localDateOf(from, timeZone);
  for (let offset = 1; ; offset++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) return day.toISOString().slice(0, 10);
  }
}

describe("drafting on resolve", () => {
  it("drafts a SEV1's required postmortem due 5 business days after resolution in the team calendar, owned by the commander and prefilled", async () => {
    const timeZone = "Pacific/Auckland";
    const holiday = nextWeekdayIn(timeZone, new Date());
    await withTeamCalendar(
      { timeZone, holidays: [{ date: holiday, name: "Test holiday" }] },
      async () => {
        const service = await createService(admin, {
          name: `pm-checkout-${suffix()}`,
          baseUrl: "http://93.184.216.34",
          profile: "http",
          environment: "test",
        });
        const now = Date.now();
        await db.healthEvent.createMany({
          data: [
            {
              serviceId: service.id,
              kind: "failing",
              fromState: "ok",
              toState: "failing",
              status: "down",
              reason: "connection refused",
              at: new Date(now - 20 * 60_000),
            },
            {
              serviceId: service.id,
              kind: "alerting",
              fromState: "failing",
              toState: "alerting",
              status: "down",
              reason: "2 checks failed",
              at: new Date(now - 19 * 60_000),
            },
          ],
        });
        const incident = await resolvedIncident(
          "sev1",
          {
            serviceIds: [service.id],
            summary: "Checkout failed for everyone.",
            userImpact: "No one could pay.",
          },
          {
            rootCause: "The payment pool was disabled by a config push.",
            followUps: ["https://github.com/acme/shop/issues/12", "Alert on an empty payment pool"],
          },
        );
        const resolvedAt = new Date(incident.resolvedAt as string);
        const expectedDue = businessDeadline(resolvedAt, 5, { timeZone, holidays: [holiday] });
        expect(expectedDue.getTime()).not.toBe(
          businessDeadline(resolvedAt, 5, { timeZone, holidays: [] }).getTime(),
        );
        expect(incident.postmortem).toEqual({
          id: expect.any(String),
          status: "draft",
          required: true,
          dueAt: expectedDue.toISOString(),
        });

        const detail = await getPostmortemDetail(incident.postmortem?.id as string);
        expect(detail.postmortem).toMatchObject({
          status: "draft",
          required: true,
          version: 1,
          owner: { id: commander.id },
          dueIn: "due in 5 business days",
          overdue: false,
        });
        expect(detail.postmortem.content).toMatchObject({
          summary: "Checkout failed for everyone.",
          impact: "No one could pay.",
          rootCauses: "The payment pool was disabled by a config push.",
          contributingFactors: "",
          timeline: { excluded: [], annotations: {} },
        });
        expect(detail.postmortem.content.detection).toMatch(
          new RegExp(
            `^Health checks of ${service.name} first failed at .+ \\(connection refused\\); Vigil alerted 1 min later and the incident was declared 20 min after the first failure\\.$`,
          ),
        );
        expect(detail.detection).toMatchObject({
          detectedBy: "health_alert",
          timeToDetectMs: 60_000,
          firstSignal: { service: service.name, reason: "connection refused" },
        });
        expect(detail.impact).toMatchObject({
          severity: "sev1",
          userVisibleEffect: "No one could pay.",
          services: [{ id: service.id, name: service.name }],
          startedAt: new Date(now - 20 * 60_000).toISOString(),
        });
        expect(detail.actionItems.map((item) => [item.title, item.issueUrl, item.status])).toEqual([
          [
            "https://github.com/acme/shop/issues/12",
            "https://github.com/acme/shop/issues/12",
            "open",
          ],
          ["Alert on an empty payment pool", null, "open"],
        ]);
        expect(detail.revisions).toHaveLength(1);
        expect(detail.revisions[0]).toMatchObject({
          version: 1,
          authorLabel: "Vigil (prefilled from the incident)",
        });
        expect(
          await db.auditLog.count({
            where: { action: "postmortem.create", targetId: detail.postmortem.id },
          }),
        ).toBe(1);
      },
    );
  });

  it("drafts an optional SEV2 postmortem without a due date, and a SEV3 only on demand (once)", async () => {
    const sev2 = await resolvedIncident("sev2");
    expect(sev2.postmortem).toMatchObject({ required: false, dueAt: null, status: "draft" });

    const sev3 = await resolvedIncident("sev3");
    expect(sev3.postmortem).toBeNull();
    const [firstDraft, secondDraft] = await Promise.all([
      ensurePostmortemDraft(editor, sev3.id),
      ensurePostmortemDraft(commander, sev3.id),
    ]);
    expect(firstDraft.id).toBe(secondDraft.id);
    expect([firstDraft.created, secondDraft.created].filter(Boolean)).toHaveLength(1);
    const first = (await getPostmortemDetail(firstDraft.id)).postmortem;
    expect(first).toMatchObject({
      status: "draft",
      required: false,
      dueAt: null,
      dueIn: null,
      owner: { id: commander.id },
      incident: { id: sev3.id, severity: "sev3" },
    });
    expect(await db.postmortem.count({ where: { incidentId: sev3.id } })).toBe(1);
    expect(
      await db.auditLog.count({ where: { action: "postmortem.create", targetId: first.id } }),
    ).toBe(1);
    expect((await startPostmortemDraft(editor, sev3.id)).postmortem?.id).toBe(first.id);
  });

  it("makes a SEV1 postmortem started before resolution required once the incident resolves", async () => {
    const { incident } = await declareIncident(editor, {
      title: `Early ${suffix()}`,
      severity: "sev1",
    });
    const early = (await getPostmortemDetail((await ensurePostmortemDraft(editor, incident.id)).id))
      .postmortem;
    expect(early).toMatchObject({ required: true, dueAt: null });
    const resolved = await updateIncident(editor, incident.id, {
      version: incident.version,
      status: "resolved",
      rootCause: "disk full",
    });
    expect(resolved.postmortem).toMatchObject({
      id: early.id,
      required: true,
      dueAt: businessDeadline(new Date(resolved.resolvedAt as string), 5).toISOString(),
    });
  });

  it("keeps the postmortem and its text when the incident is reopened and resolved again", async () => {
    const { incidentId, postmortem } = await draftOf();
    await savePostmortem(editor, incidentId, {
      version: postmortem.version,
      content: { lessons: "Keep a second payment pool." },
    });
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    const reopened = await updateIncident(editor, incidentId, {
      version: incident.version,
      status: "investigating",
    });
    expect(reopened.postmortem?.id).toBe(postmortem.id);
    const again = await updateIncident(editor, incidentId, {
      version: reopened.version,
      status: "resolved",
    });
    expect(again.postmortem).toMatchObject({
      id: postmortem.id,
      dueAt: businessDeadline(new Date(again.resolvedAt as string), 5).toISOString(),
    });
    const detail = await getPostmortemDetail(postmortem.id);
    expect(detail.postmortem.content.lessons).toBe("Keep a second payment pool.");
    expect(await db.postmortem.count({ where: { incidentId } })).toBe(1);
  });
});

describe("saving", () => {
  it("creates the postmortem on the first save of an incident without one and applies the patch", async () => {
    const incident = await resolvedIncident("sev3");
    const { detail, created } = await savePostmortem(editor, incident.id, {
      content: { summary: "Written first." },
    });
    expect(created).toBe(true);
    expect(detail.postmortem).toMatchObject({
      version: 2,
      content: { summary: "Written first.", rootCauses: "A config push disabled the payment pool" },
    });
    const again = await refusal(
      savePostmortem(editor, incident.id, { content: { summary: "No version." } }),
    );
    expect(again.code).toBe("validation_failed");
    expect(Object.keys(again.fields ?? {})).toEqual(["version"]);
    expect((await refusal(savePostmortem(editor, randomUUID(), { content: {} }))).code).toBe(
      "not_found",
    );
  });

  it("lets exactly one of two concurrent edits of the same version win; the other gets 409 with the current document and what changed", async () => {
    const { incidentId, postmortem } = await draftOf();
    const results = await Promise.allSettled([
      savePostmortem(editor, incidentId, {
        version: postmortem.version,
        content: { summary: "Editor's summary" },
      }),
      savePostmortem(commander, incidentId, {
        version: postmortem.version,
        content: { summary: "Commander's summary" },
      }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof savePostmortem>>>)
      .value.detail.postmortem;
    const error = await refusal(Promise.reject((lost[0] as PromiseRejectedResult).reason));
    expect(error.code).toBe("conflict");
    expect(error.details?.current).toMatchObject({
      id: postmortem.id,
      version: postmortem.version + 1,
      content: { summary: winner.content.summary },
    });
    expect(error.details?.changed).toEqual(["summary"]);
    const stored = await getPostmortemDetail(postmortem.id);
    expect(stored.postmortem.content.summary).toBe(winner.content.summary);
    expect(stored.postmortem.version).toBe(postmortem.version + 1);
  });

  it("refuses a stale version and names the parts changed since that version", async () => {
    const { incidentId, postmortem } = await draftOf();
    await savePostmortem(editor, incidentId, {
      version: postmortem.version,
      content: { impact: "Payments failed for 40 minutes." },
    });
    const error = await refusal(
      savePostmortem(commander, incidentId, {
        version: postmortem.version,
        content: { summary: "Mine" },
      }),
    );
    expect(error.code).toBe("conflict");
    expect(error.details?.changed).toEqual(["impact"]);
    expect((error.details?.current as PostmortemView).content).toMatchObject({
      impact: "Payments failed for 40 minutes.",
      summary: postmortem.content.summary,
    });
  });

  it("keeps one revision per author per editing session and starts a new one for another author or after 10 minutes", async () => {
    const { incidentId, postmortem } = await draftOf();
    let version = postmortem.version;
    const save = async (actor: Actor, content: Record<string, unknown>) => {
      version = (await savePostmortem(actor, incidentId, { version, content })).detail.postmortem
        .version;
    };
    await save(editor, { summary: "one" });
    await save(editor, { summary: "two" });
    await save(editor, { timeline: { excluded: [], annotations: {} } });
    let revisions = (await getPostmortemDetail(postmortem.id)).revisions;
    expect(revisions.map((revision) => [revision.version, revision.authorLabel])).toEqual([
      [3, editor.name],
      [1, "Vigil (prefilled from the incident)"],
    ]);
    expect(version).toBe(3);
    expect(revisions[0]?.content.summary).toBe("two");

    await save(commander, { summary: "three" });
    await db.postmortemRevision.updateMany({
      where: { postmortemId: postmortem.id, authorId: commander.id },
      data: { startedAt: new Date(Date.now() - revisionSessionMs - 1_000) },
    });
    await save(commander, { summary: "four" });
    revisions = (await getPostmortemDetail(postmortem.id)).revisions;
    expect(revisions.map((revision) => [revision.version, revision.content.summary])).toEqual([
      [5, "four"],
      [4, "three"],
      [3, "two"],
      [1, postmortem.content.summary],
    ]);
    expect(
      await db.auditLog.count({
        where: { targetId: postmortem.id, action: { startsWith: "postmortem.save" } },
      }),
    ).toBe(0);
  });

  it("changes the owner to another responder and refuses a viewer", async () => {
    const { incidentId, postmortem } = await draftOf();
    const { detail } = await savePostmortem(editor, incidentId, {
      version: postmortem.version,
      ownerId: editor.id,
    });
    expect(detail.postmortem.owner?.id).toBe(editor.id);
    const error = await refusal(
      savePostmortem(editor, incidentId, {
        version: detail.postmortem.version,
        ownerId: viewer.id,
      }),
    );
    expect(error.fields?.ownerId).toEqual([
      "Postmortem owners and reviewers need the responder role or above.",
    ]);
  });

  it("curates the timeline: an entry excluded or annotated keeps its text", async () => {
    const { incidentId, postmortem } = await draftOf();
    const entries = (await getPostmortemDetail(postmortem.id)).timeline;
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.map((entry) => entry.kind).slice(0, 1)).toEqual(["declared"]);
    const [declared, resolvedEntry] = entries;
    await savePostmortem(editor, incidentId, {
      version: postmortem.version,
      content: {
        timeline: {
          excluded: [declared?.id as string],
          annotations: { [resolvedEntry?.id as string]: "Confirmed by payments." },
        },
      },
    });
    const curated = (await getPostmortemDetail(postmortem.id)).timeline;
    expect(curated[0]).toMatchObject({
      id: declared?.id,
      included: false,
      annotation: "",
      body: declared?.body,
    });
    expect(curated[1]).toMatchObject({
      id: resolvedEntry?.id,
      included: true,
      annotation: "Confirmed by payments.",
      body: resolvedEntry?.body,
    });
  });
});

describe("review and publishing", () => {
  it("refuses to publish a draft that was never reviewed", async () => {
    const { postmortem } = await draftOf();
    const error = await refusal(
      publishPostmortem(editor, postmortem.id, { version: postmortem.version }),
    );
    expect(error.code).toBe("conflict");
    expect(error.message).toBe("Request a review before publishing.");
  });

  it("requests review with a reviewer list, checks the version and refuses reviewers without the responder role", async () => {
    const { postmortem } = await draftOf();
    const bad = await refusal(
      requestReview(editor, postmortem.id, {
        version: postmortem.version,
        reviewerIds: [viewer.id],
      }),
    );
    expect(bad.fields?.reviewerIds).toEqual([
      "Postmortem owners and reviewers need the responder role or above.",
    ]);
    const detail = await requestReview(editor, postmortem.id, {
      version: postmortem.version,
      reviewerIds: [reviewer.id, secondReviewer.id, reviewer.id],
    });
    expect(detail.postmortem).toMatchObject({
      status: "in_review",
      version: postmortem.version + 1,
    });
    expect(detail.postmortem.reviewRequestedAt).not.toBeNull();
    expect(detail.reviewers.map((state) => state.user.id).sort()).toEqual(
      [reviewer.id, secondReviewer.id].sort(),
    );
    expect(detail.readiness).toMatchObject({
      canPublish: false,
      reasons: ["It needs at least one approval."],
    });
    expect(
      (
        await refusal(
          requestReview(editor, postmortem.id, {
            version: postmortem.version,
            reviewerIds: [reviewer.id],
          }),
        )
      ).code,
    ).toBe("conflict");

    const narrowed = await requestReview(editor, postmortem.id, {
      version: detail.postmortem.version,
      reviewerIds: [secondReviewer.id],
    });
    expect(narrowed.reviewers.map((state) => state.user.id)).toEqual([secondReviewer.id]);
    expect(
      await db.auditLog.count({
        where: { action: "postmortem.review_requested", targetId: postmortem.id },
      }),
    ).toBe(2);
  });

  it("takes reviews only from assigned reviewers, only in review and only on the current version", async () => {
    const { postmortemId, version } = await inReview();
    const stranger = await refusal(
      submitReview(secondReviewer, postmortemId, { decision: "approve", version }),
    );
    expect(stranger.code).toBe("forbidden");
    const stale = await refusal(
      submitReview(reviewer, postmortemId, { decision: "approve", version: version - 1 }),
    );
    expect(stale).toMatchObject({
      code: "conflict",
      message: "The document changed since you read it.",
    });
    const noComment = await refusal(
      submitReview(reviewer, postmortemId, { decision: "request_changes", version }),
    );
    expect(Object.keys(noComment.fields ?? {})).toEqual(["comment"]);
    expect(await db.postmortemReview.count({ where: { postmortemId } })).toBe(0);
  });

  it("refuses approval from the owner and from the author of the version under review, who may still ask for changes", async () => {
    const { incidentId, postmortem } = await draftOf();
    expect(postmortem.owner?.id).toBe(commander.id);
    const inReviewDetail = await requestReview(editor, postmortem.id, {
      version: postmortem.version,
      reviewerIds: [commander.id, reviewer.id],
    });
    let version = inReviewDetail.postmortem.version;

    const byOwner = await refusal(
      submitReview(commander, postmortem.id, { decision: "approve", version }),
    );
    expect(byOwner).toMatchObject({
      code: "forbidden",
      message: "You own this postmortem, so you cannot approve it: another reviewer has to.",
    });
    const askedByOwner = await submitReview(commander, postmortem.id, {
      decision: "request_changes",
      comment: "Add the timeline.",
      version,
    });
    expect(askedByOwner.reviews[0]).toMatchObject({
      decision: "changes_requested",
      reviewerLabel: commander.name,
    });

    // The reviewer edits the text: the version under review is now theirs.
    version = (
      await savePostmortem(reviewer, incidentId, {
        version,
        content: { lessons: "Stage config pushes." },
      })
    ).detail.postmortem.version;
    const detail = await getPostmortemDetail(postmortem.id);
    expect(detail.revisions[0]).toMatchObject({ authorId: reviewer.id, version });
    const byAuthor = await refusal(
      submitReview(reviewer, postmortem.id, { decision: "approve", version }),
    );
    expect(byAuthor).toMatchObject({
      code: "forbidden",
      message:
        "You wrote the version under review, so you cannot approve it: another reviewer has to.",
    });
    expect(
      await db.postmortemReview.count({
        where: { postmortemId: postmortem.id, decision: "approved" },
      }),
    ).toBe(0);

    // Once someone else wrote the current version, the reviewer's approval counts.
    version = (
      await savePostmortem(editor, incidentId, {
        version,
        content: { lessons: "Stage config pushes behind a flag." },
      })
    ).detail.postmortem.version;
    const approved = await submitReview(reviewer, postmortem.id, { decision: "approve", version });
    expect(approved.reviews[0]).toMatchObject({
      decision: "approved",
      reviewerLabel: reviewer.name,
      version,
    });
  });

  it("refuses to publish while changes are requested or when the approval is of an older version, then publishes the approved current version read-only", async () => {
    const { incidentId, postmortemId, version } = await inReview();
    const asked = await submitReview(reviewer, postmortemId, {
      decision: "request_changes",
      comment: "Say which config push.",
      version,
    });
    expect(asked.reviews[0]).toMatchObject({
      decision: "changes_requested",
      comment: "Say which config push.",
      version,
      reviewerLabel: reviewer.name,
    });
    expect(asked.postmortem.version).toBe(version);
    const changesRequested = await refusal(publishPostmortem(editor, postmortemId, { version }));
    expect(changesRequested).toMatchObject({
      code: "conflict",
      message: `${reviewer.name} asked for changes. It needs at least one approval.`,
    });

    const edited = (
      await savePostmortem(editor, incidentId, {
        version,
        content: { rootCauses: "Config push #4411 disabled the payment pool." },
      })
    ).detail;
    expect(edited.postmortem).toMatchObject({ status: "in_review", version: version + 1 });
    const approvedOld = await submitReview(reviewer, postmortemId, {
      decision: "approved",
      version: edited.postmortem.version,
    });
    const saved = (
      await savePostmortem(editor, incidentId, {
        version: approvedOld.postmortem.version,
        content: { lessons: "Review config pushes." },
      })
    ).detail;
    expect(saved.readiness.canPublish).toBe(false);
    const olderApproval = await refusal(
      publishPostmortem(editor, postmortemId, { version: saved.postmortem.version }),
    );
    expect(olderApproval).toMatchObject({
      code: "conflict",
      message:
        "The document changed since it was approved: it needs an approval of the current version.",
    });

    const approved = await submitReview(reviewer, postmortemId, {
      decision: "approve",
      comment: "",
      version: saved.postmortem.version,
    });
    expect(approved.readiness).toEqual({ canPublish: true, reasons: [], approvals: 1 });
    const revisionsBefore = approved.revisions.length;
    expect(
      (
        await refusal(
          publishPostmortem(editor, postmortemId, { version: saved.postmortem.version - 1 }),
        )
      ).code,
    ).toBe("conflict");

    const published = await publishPostmortem(editor, postmortemId, {
      version: saved.postmortem.version,
    });
    expect(published.postmortem).toMatchObject({
      status: "published",
      version: saved.postmortem.version + 1,
      publishedBy: { id: editor.id },
      dueIn: null,
      overdue: false,
    });
    expect(published.postmortem.publishedAt).not.toBeNull();
    expect(published.revisions).toHaveLength(revisionsBefore + 1);
    expect(published.revisions[0]).toMatchObject({
      version: published.postmortem.version,
      authorLabel: editor.name,
      content: { lessons: "Review config pushes." },
    });
    expect(published.readiness.canPublish).toBe(false);

    const readOnly = await refusal(
      savePostmortem(editor, incidentId, {
        version: published.postmortem.version,
        content: { summary: "late edit" },
      }),
    );
    expect(readOnly).toMatchObject({
      code: "conflict",
      message: "This postmortem is published and read-only.",
    });
    expect(
      (
        await refusal(
          requestReview(editor, postmortemId, {
            version: published.postmortem.version,
            reviewerIds: [reviewer.id],
          }),
        )
      ).message,
    ).toBe("This postmortem is published and read-only.");
    expect(
      (
        await refusal(
          submitReview(reviewer, postmortemId, {
            decision: "approve",
            version: published.postmortem.version,
          }),
        )
      ).code,
    ).toBe("conflict");
    expect(
      (
        await refusal(
          publishPostmortem(editor, postmortemId, { version: published.postmortem.version }),
        )
      ).code,
    ).toBe("conflict");
    const after = await getPostmortemDetail(postmortemId);
    expect(after.postmortem.content.summary).not.toBe("late edit");
    expect(after.revisions).toHaveLength(revisionsBefore + 1);

    const audit = await db.auditLog.findMany({
      where: { targetId: postmortemId, action: { startsWith: "postmortem." } },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audit.map((row) => row.action)).toEqual([
      "postmortem.create",
      "postmortem.review_requested",
      "postmortem.review_submitted",
      "postmortem.review_submitted",
      "postmortem.review_submitted",
      "postmortem.publish",
    ]);
    const incident = await db.incident.findUniqueOrThrow({
      where: { id: incidentId },
      include: { postmortem: true },
    });
    expect(incident.postmortem?.status).toBe("published");
  });
});

describe("action items", () => {
  it("creates, updates with a version check, and keeps tracking them after publishing", async () => {
    const { incidentId, postmortemId, version } = await inReview();
    const item = await createActionItem(editor, postmortemId, {
      title: "Alert on an empty payment pool",
      ownerId: editor.id,
      dueDate: "2030-01-15",
      issueUrl: "https://github.com/acme/shop/issues/99",
    });
    expect(item).toMatchObject({
      postmortemId,
      title: "Alert on an empty payment pool",
      owner: { id: editor.id },
      dueDate: "2030-01-15",
      status: "open",
      overdue: false,
      version: 1,
    });

    const badUrl = await refusal(
      createActionItem(editor, postmortemId, { title: "x", issueUrl: "javascript:alert(1)" }),
    );
    expect(Object.keys(badUrl.fields ?? {})).toEqual(["issueUrl"]);
    const noOwner = await refusal(
      createActionItem(editor, postmortemId, { title: "x", ownerId: randomUUID() }),
    );
    expect(noOwner.fields?.ownerId).toEqual(["No such user."]);
    expect((await refusal(createActionItem(editor, randomUUID(), { title: "x" }))).code).toBe(
      "not_found",
    );

    const started = await updateActionItem(editor, postmortemId, item.id, {
      version: 1,
      status: "in_progress",
      dueDate: "",
    });
    expect(started).toMatchObject({ status: "in_progress", dueDate: null, version: 2 });
    const stale = await refusal(
      updateActionItem(commander, postmortemId, item.id, { version: 1, status: "done" }),
    );
    expect(stale.code).toBe("conflict");
    expect(stale.details?.current).toMatchObject({
      id: item.id,
      status: "in_progress",
      version: 2,
    });
    expect(
      (
        await refusal(
          updateActionItem(editor, randomUUID(), item.id, { version: 2, status: "done" }),
        )
      ).code,
    ).toBe("not_found");

    await submitReview(reviewer, postmortemId, { decision: "approve", version });
    await publishPostmortem(editor, postmortemId, { version });
    const later = await createActionItem(commander, postmortemId, {
      title: "Runbook page for payment pools",
    });
    const done = await updateActionItem(commander, postmortemId, item.id, {
      version: 2,
      status: "done",
    });
    expect(done).toMatchObject({ status: "done", version: 3 });
    const detail = await getPostmortemDetail(postmortemId);
    expect(detail.actionItems.map((entry) => entry.id)).toEqual([item.id, later.id]);
    expect(
      await db.auditLog.count({
        where: { targetId: postmortemId, action: "postmortem.action_item_created" },
      }),
    ).toBe(2);
    expect(
      await db.auditLog.count({
        where: { targetId: postmortemId, action: "postmortem.action_item_updated" },
      }),
    ).toBe(2);
    const [listed] = await listPostmortems({ incidentId });
    expect(listed).toMatchObject({ status: "published", openActionItems: 1 });
  });

  it("lists open action items across postmortems, overdue first, undated last; done ones only when asked", async () => {
    const owner = await makeUser("responder", "pm-item-owner");
    const a = await draftOf();
    const b = await draftOf("sev2");
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const undated = await createActionItem(editor, a.postmortem.id, {
      title: "undated",
      ownerId: owner.id,
    });
    const upcoming = await createActionItem(editor, b.postmortem.id, {
      title: "upcoming",
      ownerId: owner.id,
      dueDate: later,
    });
    const late = await createActionItem(editor, b.postmortem.id, {
      title: "late",
      ownerId: owner.id,
      dueDate: yesterday,
    });
    const finished = await createActionItem(editor, a.postmortem.id, {
      title: "finished",
      ownerId: owner.id,
      dueDate: yesterday,
      status: "done",
    });

    const open = await listActionItems({ ownerId: owner.id });
    expect(open.map((item) => [item.title, item.overdue])).toEqual([
      ["late", true],
      ["upcoming", false],
      ["undated", false],
    ]);
    expect(open[0]).toMatchObject({
      id: late.id,
      postmortem: { id: b.postmortem.id, status: "draft" },
      incident: { id: b.incidentId, severity: "sev2" },
    });
    const all = await listActionItems({ ownerId: owner.id, open: false });
    expect(all.map((item) => item.id)).toEqual([late.id, finished.id, upcoming.id, undated.id]);
    expect(all.find((item) => item.id === finished.id)?.overdue).toBe(false);
  });
});

describe("not found", () => {
  it("answers 404 for unknown or malformed postmortem ids", async () => {
    for (const id of ["nope", randomUUID()]) {
      const error = await refusal(getPostmortemDetail(id));
      expect(error).toMatchObject({ code: "not_found", message: "The postmortem was not found." });
      expect(
        (await refusal(requestReview(editor, id, { version: 1, reviewerIds: [reviewer.id] }))).code,
      ).toBe("not_found");
      expect((await refusal(publishPostmortem(editor, id, { version: 1 }))).code).toBe("not_found");
    }
  });
});
