import { z } from "zod";
import {
  actionItemStatuses,
  annotationMaxLength,
  postmortemStatuses,
  reviewDecisions,
  sectionMaxLength,
} from "@/lib/postmortems/labels";

const sectionText = z
  .string()
  .max(sectionMaxLength, `At most ${sectionMaxLength.toLocaleString("en")} characters.`);
const entryId = z.string().regex(/^\d{1,19}$/, "Use a timeline entry id.");

export const timelineCurationSchema = z.object({
  excluded: z.array(entryId).max(10_000).default([]),
  annotations: z
    .record(
      entryId,
      z.string().max(annotationMaxLength, `At most ${annotationMaxLength} characters.`),
    )
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

/** PUT /api/v1/incidents/:id/postmortem and the editor's autosave. `version` is required once the postmortem exists. */
export const savePostmortemSchema = z.object({
  version: z.coerce.number().int().min(1, "Send the version you read.").optional(),
  content: postmortemContentPatchSchema.default({}),
  ownerId: z.string().uuid("Choose a user.").nullable().optional(),
});

export const requestReviewSchema = z.object({
  version: z.coerce.number().int().min(1, "Send the version you read."),
  reviewerIds: z
    .array(z.string().uuid("Choose a user."))
    .min(1, "Choose at least one reviewer.")
    .max(10, "At most 10 reviewers."),
});

export const submitReviewSchema = z
  .object({
    decision: z.preprocess(
      (value) =>
        value === "approve"
          ? "approved"
          : value === "request_changes"
            ? "changes_requested"
            : value,
      z.enum(reviewDecisions, { message: "Approve or request changes." }),
    ),
    comment: z.string().trim().max(5_000, "At most 5,000 characters.").default(""),
    version: z.coerce.number().int().min(1, "Send the version you reviewed."),
  })
  .refine((input) => input.decision !== "changes_requested" || input.comment.length > 0, {
    message: "Say what should change.",
    path: ["comment"],
  });

export const publishPostmortemSchema = z.object({
  version: z.coerce.number().int().min(1, "Send the version you read."),
});

const blankToNull = (value: unknown) => (value === "" ? null : value);
const dueDate = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-04.")
    .refine(
      (value) =>
        !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      "That date does not exist.",
    )
    .nullable(),
);
const issueUrl = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(2_000, "At most 2,000 characters.")
    .refine(
      (value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol),
      "Use an http(s) link to the issue.",
    )
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
export const updateActionItemSchema = z.object({
  title: actionItemFields.title.optional(),
  ownerId: actionItemFields.ownerId.optional(),
  dueDate: dueDate.optional(),
  issueUrl: issueUrl.optional(),
  status: actionItemFields.status.optional(),
  version: z.coerce.number().int().min(1, "Send the version you read."),
});

const booleanParam = z.preprocess(
  (value) =>
    value === "" || value === undefined
      ? undefined
      : value === "true" || value === "1" || value === true,
  z.boolean().optional(),
);
export const postmortemListFilterSchema = z.object({
  status: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(postmortemStatuses, { message: "Use draft, in_review or published." }).optional(),
  ),
  overdue: booleanParam,
  incidentId: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().uuid().optional(),
  ),
});

export const actionItemListFilterSchema = z.object({
  /** false lists every item, done and won't-do included. */
  open: z.preprocess(
    (value) =>
      value === "" || value === undefined
        ? true
        : value === "true" || value === "1" || value === true,
    z.boolean(),
  ),
  ownerId: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().uuid().optional(),
  ),
});
