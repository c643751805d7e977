"use server";

import { revalidatePath } from "next/cache";
import {
  createActionItem,
  publishPostmortem,
  requestReview,
  savePostmortem,
  submitReview,
  updateActionItem,
} from "@/lib/postmortems/mutations";
import {
  createActionItemSchema,
  publishPostmortemSchema,
  requestReviewSchema,
  savePostmortemSchema,
  submitReviewSchema,
  updateActionItemSchema,
} from "@/lib/postmortems/schema";
import type {
  CreateActionItemInput,
  RequestReviewInput,
  SavePostmortemInput,
  SubmitReviewInput,
  UpdateActionItemInput,
} from "@/lib/postmortems/types";
import { guardedCall } from "@/lib/server-action";
import { parseInput } from "@/lib/validation";

function revalidatePostmortemPages(postmortemId: string, incidentId?: string): void {
  revalidatePath("/postmortems");
  revalidatePath(`/postmortems/${postmortemId}`);
  if (incidentId) revalidatePath(`/incidents/${incidentId}`);
}

/** The editor's autosave and the owner picker: the changed parts of the content, with the version the editor read. */
export const savePostmortemAction = guardedCall(
  "responder",
  async (actor, incidentId: string, input: SavePostmortemInput) => {
    const parsed = parseInput(savePostmortemSchema, input);
    const { detail, created } = await savePostmortem(actor, incidentId, parsed);
    revalidatePostmortemPages(
      detail.postmortem.id,
      created || parsed.ownerId !== undefined ? incidentId : undefined,
    );
    return detail;
  },
);

export const requestReviewAction = guardedCall(
  "responder",
  async (actor, postmortemId: string, input: RequestReviewInput) => {
    const detail = await requestReview(actor, postmortemId, parseInput(requestReviewSchema, input));
    revalidatePostmortemPages(postmortemId, detail.postmortem.incident.id);
    return detail;
  },
);

export const submitReviewAction = guardedCall(
  "responder",
  async (actor, postmortemId: string, input: SubmitReviewInput) => {
    const detail = await submitReview(actor, postmortemId, parseInput(submitReviewSchema, input));
    revalidatePostmortemPages(postmortemId);
    return detail;
  },
);

export const publishPostmortemAction = guardedCall(
  "responder",
  async (actor, postmortemId: string, input: { version: number }) => {
    const detail = await publishPostmortem(
      actor,
      postmortemId,
      parseInput(publishPostmortemSchema, input),
    );
    revalidatePostmortemPages(postmortemId, detail.postmortem.incident.id);
    revalidatePath("/");
    return detail;
  },
);

export const createActionItemAction = guardedCall(
  "responder",
  async (actor, postmortemId: string, input: CreateActionItemInput) => {
    const item = await createActionItem(
      actor,
      postmortemId,
      parseInput(createActionItemSchema, input),
    );
    revalidatePostmortemPages(postmortemId);
    revalidatePath("/postmortems/action-items");
    return item;
  },
);

export const updateActionItemAction = guardedCall(
  "responder",
  async (actor, postmortemId: string, itemId: string, input: UpdateActionItemInput) => {
    const item = await updateActionItem(
      actor,
      postmortemId,
      itemId,
      parseInput(updateActionItemSchema, input),
    );
    revalidatePostmortemPages(postmortemId);
    revalidatePath("/postmortems/action-items");
    return item;
  },
);
