"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError, validationError } from "@/lib/errors";
import {
  createActionItem,
  publishPostmortem,
  requestReview,
  savePostmortem,
  submitReview,
  updateActionItem,
} from "@/lib/postmortems/mutations";
import { guardedAction } from "@/lib/server-action";

const uuid = z.string().uuid();

function idFrom(value: unknown, what: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw notFoundError(what);
  return parsed.data;
}

function without(input: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([key]) => !keys.includes(key)));
}

/** Form fields are strings: structured ones (the content patch) travel as JSON. */
function jsonField(input: Record<string, unknown>, field: string): unknown {
  const value = input[field];
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw validationError({ [field]: ["Send it as JSON."] });
  }
}

/** A JSON array or one comma-separated field of ids. */
function idList(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text.startsWith("[")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function revalidatePostmortemPages(postmortemId: string, incidentId?: string): void {
  revalidatePath("/postmortems");
  revalidatePath(`/postmortems/${postmortemId}`);
  if (incidentId) revalidatePath(`/incidents/${incidentId}`);
}

/** The editor's autosave: `content` is the JSON patch of the changed parts, `version` the one the editor read. */
export const savePostmortemAction = guardedAction("responder", async (input, actor) => {
  const incidentId = idFrom(input.incidentId, "The incident");
  const ownerId = input.ownerId === "" ? null : input.ownerId;
  const { detail, created } = await savePostmortem(actor, incidentId, {
    version: input.version === "" ? undefined : input.version,
    content: input.content === undefined ? {} : jsonField(input, "content"),
    ...(ownerId !== undefined ? { ownerId } : {}),
  });
  revalidatePostmortemPages(detail.postmortem.id, created || ownerId !== undefined ? incidentId : undefined);
  return detail;
});

export const requestReviewAction = guardedAction("responder", async (input, actor) => {
  const postmortemId = idFrom(input.postmortemId, "The postmortem");
  const detail = await requestReview(actor, postmortemId, { version: input.version, reviewerIds: idList(input.reviewerIds) });
  revalidatePostmortemPages(postmortemId, detail.postmortem.incident.id);
  return detail;
});

export const submitReviewAction = guardedAction("responder", async (input, actor) => {
  const postmortemId = idFrom(input.postmortemId, "The postmortem");
  const detail = await submitReview(actor, postmortemId, without(input, "postmortemId"));
  revalidatePostmortemPages(postmortemId);
  return detail;
});

export const publishPostmortemAction = guardedAction("responder", async (input, actor) => {
  const postmortemId = idFrom(input.postmortemId, "The postmortem");
  const detail = await publishPostmortem(actor, postmortemId, without(input, "postmortemId"));
  revalidatePostmortemPages(postmortemId, detail.postmortem.incident.id);
  revalidatePath("/");
  return detail;
});

export const createActionItemAction = guardedAction("responder", async (input, actor) => {
  const postmortemId = idFrom(input.postmortemId, "The postmortem");
  const item = await createActionItem(actor, postmortemId, without(input, "postmortemId"));
  revalidatePostmortemPages(postmortemId);
  revalidatePath("/postmortems/action-items");
  return item;
});

export const updateActionItemAction = guardedAction("responder", async (input, actor) => {
  const postmortemId = idFrom(input.postmortemId, "The postmortem");
  const itemId = idFrom(input.itemId, "The action item");
  const item = await updateActionItem(actor, postmortemId, itemId, without(input, "postmortemId", "itemId"));
  revalidatePostmortemPages(postmortemId);
  revalidatePath("/postmortems/action-items");
  return item;
});
