import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import {
  conflictError,
  forbiddenError,
  notFoundError,
  validationError,
  type FieldErrors,
} from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { publishIncidentChange } from "@/lib/live/bus";
import { businessDeadline, sev1PostmortemBusinessDays } from "@/lib/time/business-days";
import {
  applyContentPatch,
  changedParts,
  normalizePostmortemContent,
} from "@/lib/postmortems/content";
import {
  actionItemInclude,
  getPostmortemDetail,
  loadDetectionFacts,
  loadPostmortemView,
  postmortemViewInclude,
  toActionItemView,
  toPostmortemView,
  type PostmortemViewRow,
} from "@/lib/postmortems/data";
import { describeDetection } from "@/lib/postmortems/detection";
import { emptyPostmortemContent } from "@/lib/postmortems/labels";
import {
  createActionItemSchema,
  publishPostmortemSchema,
  requestReviewSchema,
  savePostmortemSchema,
  submitReviewSchema,
  updateActionItemSchema,
} from "@/lib/postmortems/schema";
import type {
  ActionItemView,
  CreateActionItemInput,
  PostmortemContent,
  PostmortemContentPatch,
  PostmortemDetail,
  PostmortemView,
  PublishPostmortemInput,
  RequestReviewInput,
  SavePostmortemInput,
  SubmitReviewInput,
  UpdateActionItemInput,
} from "@/lib/postmortems/types";
import { publishReadiness, reviewerStates, selfApprovalRefusal } from "@/lib/postmortems/workflow";
import { getTeamCalendar } from "@/lib/team/data";
import { isUuid, parseInput } from "@/lib/validation";
import { isHttpUrl } from "@/lib/markdown";
import { formatUtcDate } from "@/lib/time/format";

type Tx = Prisma.TransactionClient;

/** One revision per author per editing session: saves within this long of the session's start update it. */
export const revisionSessionMs = 10 * 60_000;
const prefillAuthorLabel = "Vigil (prefilled from the incident)";
const readOnlyMessage = "This postmortem is published and read-only.";
const actionItemTitleMax = 300;

const actorLabel = (actor: Actor) => actor.name || actor.email;
const asJson = (content: PostmortemContent) => content as unknown as Prisma.InputJsonObject;
const dateOnly = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null);

/** An incident follow-up as an action item: a link is also its issue link. */
function actionItemFromFollowUp(followUp: string): { title: string; issueUrl: string | null } {
  const text = followUp.trim();
  const title =
    text.length > actionItemTitleMax ? `${text.slice(0, actionItemTitleMax - 1)}…` : text;
  return { title, issueUrl: isHttpUrl(text) && text.length <= 2_000 ? text : null };
}

/**
 * The one way a postmortem comes to exist: on resolving a SEV1 or SEV2, on demand, or on a first save.
 * It is prefilled from the incident (summary, impact, root cause, a factual detection line, follow-ups as
 * action items) and owned by the commander. A SEV1's is required and due 5 business days after its latest
 * resolution in the team's calendar; an existing one is brought in line with that rule and otherwise kept.
 */
export async function draftPostmortemForIncident(
  tx: Tx,
  incidentId: string,
  actor: Actor | AuditActor,
  now = new Date(),
): Promise<{ id: string; created: boolean }> {
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      number: true,
      severity: true,
      summary: true,
      userImpact: true,
      rootCause: true,
      followUps: true,
      commanderId: true,
      declaredAt: true,
      resolvedAt: true,
      services: { select: { serviceId: true } },
      postmortem: { select: { id: true, status: true, required: true, dueAt: true } },
    },
  });
  if (!incident) throw notFoundError("The incident");
  const required = incident.severity === "sev1";
  const dueAt =
    required && incident.resolvedAt
      ? businessDeadline(incident.resolvedAt, sev1PostmortemBusinessDays, await getTeamCalendar(tx))
      : null;

  const existing = incident.postmortem;
  if (existing) {
    const dueChanged = dueAt !== null && existing.dueAt?.getTime() !== dueAt.getTime();
    if (required && existing.status !== "published" && (!existing.required || dueChanged)) {
      await tx.postmortem.update({
        where: { id: existing.id },
        // A new deadline deserves its own reminders.
        data: {
          required: true,
          ...(dueChanged ? { dueAt, dueSoonNotifiedAt: null, overdueNotifiedAt: null } : {}),
        },
      });
    }
    return { id: existing.id, created: false };
  }

  const detection = await loadDetectionFacts(tx, {
    declaredAt: incident.declaredAt,
    serviceIds: incident.services.map((link) => link.serviceId),
  });
  const content: PostmortemContent = {
    ...emptyPostmortemContent,
    summary: incident.summary,
    impact: incident.userImpact,
    detection: describeDetection(detection),
    rootCauses: incident.rootCause ?? "",
  };
  // Two first saves at once: the second waits for the first's row and then leaves it alone.
  const [inserted] = await tx.postmortem.createManyAndReturn({
    data: [
      { incidentId, required, dueAt, ownerId: incident.commanderId, content: asJson(content) },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!inserted) {
    const raced = await tx.postmortem.findUniqueOrThrow({
      where: { incidentId },
      select: { id: true },
    });
    return { id: raced.id, created: false };
  }
  await tx.postmortemRevision.create({
    data: {
      postmortemId: inserted.id,
      version: 1,
      content: asJson(content),
      authorId: null,
      authorLabel: prefillAuthorLabel,
      startedAt: now,
      savedAt: now,
    },
  });
  const followUps = incident.followUps
    .map(actionItemFromFollowUp)
    .filter((item) => item.title !== "");
  if (followUps.length > 0) {
    await tx.postmortemActionItem.createMany({
      data: followUps.map((item, index) => ({
        postmortemId: inserted.id,
        ...item,
        createdAt: new Date(now.getTime() + index),
      })),
    });
  }
  await recordAudit(tx, actor, {
    action: "postmortem.create",
    targetType: "postmortem",
    targetId: inserted.id,
    details: {
      incidentId,
      number: incident.number,
      required,
      dueAt: dueAt?.toISOString() ?? null,
      actionItems: followUps.length,
    },
  });
  return { id: inserted.id, created: true };
}

/** Serialises every change to one postmortem, so what is checked is still true when it is written. */
async function lockPostmortem(tx: Tx, postmortemId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Postmortem" WHERE id = ${postmortemId}::uuid FOR UPDATE`;
}

async function viewOf(tx: Tx, row: PostmortemViewRow, now: Date): Promise<PostmortemView> {
  return toPostmortemView(row, await getTeamCalendar(tx), now);
}

async function readOnlyConflict(tx: Tx, row: PostmortemViewRow, now: Date): Promise<never> {
  throw conflictError(readOnlyMessage, undefined, { current: await viewOf(tx, row, now) });
}

async function staleConflict(
  tx: Tx,
  row: PostmortemViewRow,
  seenVersion: number,
  now: Date,
  message?: string,
): Promise<never> {
  throw conflictError(
    message ??
      `This postmortem changed since you loaded it (you saw version ${seenVersion}, it is now at ${row.version}). Nothing was saved: reload it and try again.`,
    undefined,
    { current: await viewOf(tx, row, now) },
  );
}

/**
 * What changed since the version the editor read, when a revision holds that version; otherwise (its
 * session was coalesced further) the parts where the editor's text and the current text differ.
 */
async function saveConflict(
  tx: Tx,
  row: PostmortemViewRow,
  seenVersion: number,
  patch: PostmortemContentPatch,
  now: Date,
): Promise<never> {
  const current = await viewOf(tx, row, now);
  const seen = await tx.postmortemRevision.findFirst({
    where: { postmortemId: row.id, version: seenVersion },
    orderBy: { id: "desc" },
    select: { content: true },
  });
  const changed = seen
    ? changedParts(normalizePostmortemContent(seen.content), current.content)
    : changedParts(current.content, applyContentPatch(current.content, patch));
  throw conflictError(
    `This postmortem changed since you loaded it (you saw version ${seenVersion}, it is now at ${row.version}). Nothing was saved: review the current text and apply your change again.`,
    undefined,
    { current, changed },
  );
}

/** Owners, reviewers and action item owners must be active users; the first two also write, so responder or above. */
async function assertPeople(
  tx: Tx,
  field: string,
  ids: string[],
  needsResponder: boolean,
): Promise<void> {
  if (ids.length === 0) return;
  const users = await tx.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, role: true, disabled: true },
  });
  const problems = new Set<string>();
  for (const id of ids) {
    const user = users.find((candidate) => candidate.id === id);
    if (!user) problems.add("No such user.");
    else if (user.disabled) problems.add("That user is disabled.");
    else if (needsResponder && !hasRole(user.role, "responder"))
      problems.add("Postmortem owners and reviewers need the responder role or above.");
  }
  if (problems.size > 0) {
    const fields: FieldErrors = { [field]: [...problems] };
    throw validationError(fields);
  }
}

async function recordRevision(
  tx: Tx,
  actor: Actor,
  postmortemId: string,
  replacedVersion: number,
  content: PostmortemContent,
  now: Date,
): Promise<void> {
  const version = replacedVersion + 1;
  const newest = await tx.postmortemRevision.findFirst({
    where: { postmortemId },
    orderBy: [{ savedAt: "desc" }, { id: "desc" }],
    select: { id: true, authorId: true, startedAt: true, version: true },
  });
  // Coalesce only when the newest revision is exactly what this save replaces and no review points at it.
  const sameSession =
    newest !== null &&
    newest.authorId === actor.id &&
    now.getTime() - newest.startedAt.getTime() < revisionSessionMs &&
    newest.version === replacedVersion &&
    (await tx.postmortemReview.count({ where: { postmortemId, version: newest.version } })) === 0;
  if (sameSession) {
    await tx.postmortemRevision.update({
      where: { id: newest.id },
      data: { content: asJson(content), version, savedAt: now },
    });
    return;
  }
  await tx.postmortemRevision.create({
    data: {
      postmortemId,
      version,
      content: asJson(content),
      authorId: actor.id,
      authorLabel: actorLabel(actor),
      startedAt: now,
      savedAt: now,
    },
  });
}

/**
 * Saves the parts of the document that changed (the editor's autosave and PUT). The first save of an
 * incident without a postmortem creates it, prefilled, then applies the patch. A save is conditional on
 * the version the editor read: a stale one is refused with the current document and what changed.
 */
export async function savePostmortem(
  actor: Actor,
  incidentId: string,
  input: SavePostmortemInput,
): Promise<{ detail: PostmortemDetail; created: boolean }> {
  const parsed = parseInput(savePostmortemSchema, input);
  if (!isUuid(incidentId)) throw notFoundError("The incident");
  const now = new Date();
  const { postmortemId, created } = await db.$transaction(async (tx) => {
    const existing = await tx.postmortem.findUnique({
      where: { incidentId },
      select: { id: true },
    });
    let seenVersion = parsed.version;
    let postmortemId: string;
    let created = false;
    if (existing) {
      if (seenVersion === undefined)
        throw validationError(
          { version: ["Send the version you read."] },
          "Send the version you read.",
        );
      postmortemId = existing.id;
    } else {
      const draft = await draftPostmortemForIncident(tx, incidentId, actor, now);
      postmortemId = draft.id;
      created = draft.created;
      if (created) seenVersion = 1;
      else if (seenVersion === undefined) {
        const current = await loadPostmortemView(tx, postmortemId, now);
        throw conflictError(
          "Someone started this postmortem at the same moment. Nothing was saved: review it and apply your change again.",
          undefined,
          { current, changed: [] },
        );
      }
    }

    await lockPostmortem(tx, postmortemId);
    const row = await tx.postmortem.findUniqueOrThrow({
      where: { id: postmortemId },
      include: postmortemViewInclude,
    });
    if (row.status === "published") await readOnlyConflict(tx, row, now);
    if (row.version !== seenVersion) return saveConflict(tx, row, seenVersion, parsed.content, now);

    const before = normalizePostmortemContent(row.content);
    const after = applyContentPatch(before, parsed.content);
    const contentChanged = changedParts(before, after).length > 0;
    const ownerChanged = parsed.ownerId !== undefined && parsed.ownerId !== row.ownerId;
    if (ownerChanged && parsed.ownerId) await assertPeople(tx, "ownerId", [parsed.ownerId], true);
    if (!contentChanged && !ownerChanged) return { postmortemId, created };

    const { count } = await tx.postmortem.updateMany({
      where: { id: postmortemId, version: seenVersion, status: { not: "published" } },
      data: {
        content: asJson(after),
        ...(ownerChanged ? { ownerId: parsed.ownerId ?? null } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0)
      return saveConflict(
        tx,
        await tx.postmortem.findUniqueOrThrow({
          where: { id: postmortemId },
          include: postmortemViewInclude,
        }),
        seenVersion,
        parsed.content,
        now,
      );
    if (contentChanged) await recordRevision(tx, actor, postmortemId, seenVersion, after, now);
    if (ownerChanged) {
      await recordAudit(tx, actor, {
        action: "postmortem.owner_change",
        targetType: "postmortem",
        targetId: postmortemId,
        details: { from: row.ownerId, to: parsed.ownerId ?? null },
      });
    }
    return { postmortemId, created };
  });
  if (created) await publishIncidentChange([incidentId], "incident");
  return { detail: await getPostmortemDetail(postmortemId), created };
}

/**
 * Starts the incident's postmortem draft by hand (any severity; SEV1 and SEV2 get theirs on resolve), or finds
 * the one it has. Viewers of the incident hear about a new draft.
 */
export async function ensurePostmortemDraft(
  actor: Actor,
  incidentId: string,
): Promise<{ id: string; created: boolean }> {
  if (!isUuid(incidentId)) throw notFoundError("The incident");
  const draft = await db.$transaction((tx) => draftPostmortemForIncident(tx, incidentId, actor));
  if (draft.created) await publishIncidentChange([incidentId], "incident");
  return draft;
}

/** Sends the document to review (again): sets who reviews it; decisions on earlier versions stop counting. */
export async function requestReview(
  actor: Actor,
  postmortemId: string,
  input: RequestReviewInput,
): Promise<PostmortemDetail> {
  const parsed = parseInput(requestReviewSchema, input);
  if (!isUuid(postmortemId)) throw notFoundError("The postmortem");
  const reviewerIds = [...new Set(parsed.reviewerIds)];
  const now = new Date();
  const incidentId = await db.$transaction(async (tx) => {
    await lockPostmortem(tx, postmortemId);
    const row = await tx.postmortem.findUnique({
      where: { id: postmortemId },
      include: postmortemViewInclude,
    });
    if (!row) throw notFoundError("The postmortem");
    if (row.status === "published") await readOnlyConflict(tx, row, now);
    if (row.version !== parsed.version) await staleConflict(tx, row, parsed.version, now);
    await assertPeople(tx, "reviewerIds", reviewerIds, true);

    const { count } = await tx.postmortem.updateMany({
      where: { id: postmortemId, version: parsed.version, status: { in: ["draft", "in_review"] } },
      data: { status: "in_review", reviewRequestedAt: now, version: { increment: 1 } },
    });
    if (count === 0)
      await staleConflict(
        tx,
        await tx.postmortem.findUniqueOrThrow({
          where: { id: postmortemId },
          include: postmortemViewInclude,
        }),
        parsed.version,
        now,
      );
    await tx.postmortemReviewer.deleteMany({
      where: { postmortemId, userId: { notIn: reviewerIds } },
    });
    await tx.postmortemReviewer.createMany({
      data: reviewerIds.map((userId) => ({ postmortemId, userId, assignedAt: now })),
      skipDuplicates: true,
    });
    await recordAudit(tx, actor, {
      action: "postmortem.review_requested",
      targetType: "postmortem",
      targetId: postmortemId,
      details: { number: row.incident.number, reviewers: reviewerIds, version: parsed.version + 1 },
    });
    return row.incidentId;
  });
  await publishIncidentChange([incidentId], "incident");
  return getPostmortemDetail(postmortemId);
}

/** An assigned reviewer approves or asks for changes to the version they read, while the document is in review. */
export async function submitReview(
  actor: Actor,
  postmortemId: string,
  input: SubmitReviewInput,
): Promise<PostmortemDetail> {
  const parsed = parseInput(submitReviewSchema, input);
  if (!isUuid(postmortemId)) throw notFoundError("The postmortem");
  const now = new Date();
  await db.$transaction(async (tx) => {
    await lockPostmortem(tx, postmortemId);
    const row = await tx.postmortem.findUnique({
      where: { id: postmortemId },
      include: { ...postmortemViewInclude, reviewers: { select: { userId: true } } },
    });
    if (!row) throw notFoundError("The postmortem");
    if (!row.reviewers.some((reviewer) => reviewer.userId === actor.id))
      throw forbiddenError("Only a reviewer assigned to this postmortem can review it.");
    if (row.status === "published") await readOnlyConflict(tx, row, now);
    if (row.status !== "in_review")
      await staleConflict(
        tx,
        row,
        parsed.version,
        now,
        "This postmortem is not in review: reviews are given once a review is requested.",
      );
    if (row.version !== parsed.version)
      await staleConflict(tx, row, parsed.version, now, "The document changed since you read it.");
    if (parsed.decision === "approved") {
      const newest = await tx.postmortemRevision.findFirst({
        where: { postmortemId },
        orderBy: [{ savedAt: "desc" }, { id: "desc" }],
        select: { authorId: true },
      });
      const refusal = selfApprovalRefusal(actor.id, {
        ownerId: row.ownerId,
        currentTextAuthorId: newest?.authorId ?? null,
      });
      if (refusal) throw forbiddenError(refusal);
    }

    const { count } = await tx.postmortem.updateMany({
      where: { id: postmortemId, version: parsed.version, status: "in_review" },
      data: { updatedAt: now },
    });
    if (count === 0)
      await staleConflict(tx, row, parsed.version, now, "The document changed since you read it.");
    await tx.postmortemReview.create({
      data: {
        postmortemId,
        reviewerId: actor.id,
        reviewerLabel: actorLabel(actor),
        decision: parsed.decision,
        comment: parsed.comment,
        version: parsed.version,
        createdAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: "postmortem.review_submitted",
      targetType: "postmortem",
      targetId: postmortemId,
      details: { number: row.incident.number, decision: parsed.decision, version: parsed.version },
    });
  });
  return getPostmortemDetail(postmortemId);
}

/** Publishes an approved document: from then on it is read-only, its revisions kept with the published one last. */
export async function publishPostmortem(
  actor: Actor,
  postmortemId: string,
  input: PublishPostmortemInput,
): Promise<PostmortemDetail> {
  const parsed = parseInput(publishPostmortemSchema, input);
  if (!isUuid(postmortemId)) throw notFoundError("The postmortem");
  const now = new Date();
  const incidentId = await db.$transaction(async (tx) => {
    await lockPostmortem(tx, postmortemId);
    const row = await tx.postmortem.findUnique({
      where: { id: postmortemId },
      include: {
        ...postmortemViewInclude,
        reviewers: { include: { user: { select: { id: true, name: true, email: true } } } },
        reviews: true,
      },
    });
    if (!row) throw notFoundError("The postmortem");
    if (row.status === "published") await readOnlyConflict(tx, row, now);
    if (row.version !== parsed.version) await staleConflict(tx, row, parsed.version, now);
    const readiness = publishReadiness({
      status: row.status,
      reviewers: reviewerStates(row.reviewers, row.reviews, row.version),
    });
    if (!readiness.canPublish)
      throw conflictError(readiness.reasons.join(" "), undefined, {
        current: await viewOf(tx, row, now),
        readiness,
      });

    const { count } = await tx.postmortem.updateMany({
      where: { id: postmortemId, version: parsed.version, status: "in_review" },
      data: {
        status: "published",
        publishedAt: now,
        publishedById: actor.id,
        version: { increment: 1 },
      },
    });
    if (count === 0) await staleConflict(tx, row, parsed.version, now);
    await tx.postmortemRevision.create({
      data: {
        postmortemId,
        version: parsed.version + 1,
        content: asJson(normalizePostmortemContent(row.content)),
        authorId: actor.id,
        authorLabel: actorLabel(actor),
        startedAt: now,
        savedAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: "postmortem.publish",
      targetType: "postmortem",
      targetId: postmortemId,
      details: {
        number: row.incident.number,
        version: parsed.version + 1,
        approvals: readiness.approvals,
      },
    });
    return row.incidentId;
  });
  await publishIncidentChange([incidentId], "incident");
  return getPostmortemDetail(postmortemId);
}

/** Follow-up work is tracked in any status, also after publishing: the document freezes, the work does not. */
export async function createActionItem(
  actor: Actor,
  postmortemId: string,
  input: CreateActionItemInput,
): Promise<ActionItemView> {
  const parsed = parseInput(createActionItemSchema, input);
  if (!isUuid(postmortemId)) throw notFoundError("The postmortem");
  const now = new Date();
  const row = await db.$transaction(async (tx) => {
    const postmortem = await tx.postmortem.findUnique({
      where: { id: postmortemId },
      select: { id: true },
    });
    if (!postmortem) throw notFoundError("The postmortem");
    if (parsed.ownerId) await assertPeople(tx, "ownerId", [parsed.ownerId], false);
    const created = await tx.postmortemActionItem.create({
      data: {
        postmortemId,
        title: parsed.title,
        ownerId: parsed.ownerId ?? null,
        dueDate: dateOnly(parsed.dueDate ?? null),
        issueUrl: parsed.issueUrl ?? null,
        status: parsed.status,
        createdAt: now,
      },
      include: actionItemInclude,
    });
    await recordAudit(tx, actor, {
      action: "postmortem.action_item_created",
      targetType: "postmortem",
      targetId: postmortemId,
      details: { itemId: created.id, title: created.title, status: created.status },
    });
    return created;
  });
  return toActionItemView(row, now);
}

/** Changes an action item, conditional on the version the editor read. */
export async function updateActionItem(
  actor: Actor,
  postmortemId: string,
  itemId: string,
  input: UpdateActionItemInput,
): Promise<ActionItemView> {
  const parsed = parseInput(updateActionItemSchema, input);
  if (!isUuid(postmortemId) || !isUuid(itemId)) throw notFoundError("The action item");
  const now = new Date();
  const stale = (current: Parameters<typeof toActionItemView>[0]) =>
    conflictError(
      `This action item changed since you loaded it (you saw version ${parsed.version}, it is now at ${current.version}). Nothing was saved: review it and apply your change again.`,
      undefined,
      { current: toActionItemView(current, now) },
    );
  const row = await db.$transaction(async (tx) => {
    const current = await tx.postmortemActionItem.findFirst({
      where: { id: itemId, postmortemId },
      include: actionItemInclude,
    });
    if (!current) throw notFoundError("The action item");
    if (current.version !== parsed.version) throw stale(current);

    const data: Prisma.PostmortemActionItemUncheckedUpdateManyInput = {};
    const changed: string[] = [];
    if (parsed.title !== undefined && parsed.title !== current.title) {
      data.title = parsed.title;
      changed.push("title");
    }
    if (parsed.ownerId !== undefined && parsed.ownerId !== current.ownerId) {
      if (parsed.ownerId) await assertPeople(tx, "ownerId", [parsed.ownerId], false);
      data.ownerId = parsed.ownerId;
      changed.push("ownerId");
    }
    if (
      parsed.dueDate !== undefined &&
      parsed.dueDate !== (current.dueDate ? formatUtcDate(current.dueDate) : null)
    ) {
      data.dueDate = dateOnly(parsed.dueDate);
      changed.push("dueDate");
    }
    if (parsed.issueUrl !== undefined && parsed.issueUrl !== current.issueUrl) {
      data.issueUrl = parsed.issueUrl;
      changed.push("issueUrl");
    }
    if (parsed.status !== undefined && parsed.status !== current.status) {
      data.status = parsed.status;
      changed.push("status");
    }
    if (changed.length === 0) return current;

    const { count } = await tx.postmortemActionItem.updateMany({
      where: { id: itemId, version: parsed.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0)
      throw stale(
        await tx.postmortemActionItem.findUniqueOrThrow({
          where: { id: itemId },
          include: actionItemInclude,
        }),
      );
    await recordAudit(tx, actor, {
      action: "postmortem.action_item_updated",
      targetType: "postmortem",
      targetId: postmortemId,
      details: { itemId, changed, ...(data.status ? { status: data.status } : {}) },
    });
    return tx.postmortemActionItem.findUniqueOrThrow({
      where: { id: itemId },
      include: actionItemInclude,
    });
  });
  return toActionItemView(row, now);
}
