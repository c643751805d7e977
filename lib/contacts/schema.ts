import { z } from "zod";
import {
  contactLabelMaxLength,
  contactMethodKinds,
  contactTargetMaxLength,
  type ContactMethodKind,
} from "@/lib/contacts/labels";
import { isHttpUrl } from "@/lib/markdown";

/** Kept for app/api/v1/me/contact-methods/contact-methods.test.ts until it imports types.ts. */

const kind = z.enum(contactMethodKinds, { message: "Choose email, Slack, ntfy or webhook." });
const label = z
  .string()
  .trim()
  .max(contactLabelMaxLength, `At most ${contactLabelMaxLength} characters.`);
const target = z
  .string()
  .trim()
  .min(1, "Fill in where to reach you.")
  .max(contactTargetMaxLength, `At most ${contactTargetMaxLength} characters.`);
const enabled = z.boolean();
const version = z.coerce.number().int().min(1, "Send the version you read.");

const emailAddress = z.string().email("That is not an email address.");
const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value), "That is not a URL.")
  .refine(
    (value) => !URL.canParse(value) || isHttpUrl(value),
    "Only http and https URLs are allowed.",
  );

/** The target's shape for its kind; the outbound policy is checked after this, on the server. */
function checkTarget(
  value: { kind: ContactMethodKind; target: string },
  context: z.RefinementCtx,
): void {
  const result =
    value.kind === "email" ? emailAddress.safeParse(value.target) : httpUrl.safeParse(value.target);
  if (result.success) return;
  for (const issue of result.error.issues)
    context.addIssue({ code: "custom", path: ["target"], message: issue.message });
}

export const createContactMethodSchema = z
  .object({ kind, label: label.default(""), target, enabled: enabled.default(true) })
  .superRefine(checkTarget);

/** Fields not sent (and a blank target) keep their stored values; the data layer merges them before this runs. */
export const updateContactMethodSchema = z
  .object({ kind, label, target, enabled, version })
  .superRefine(checkTarget);

/** A PATCH body: every field optional but the version; a blank target keeps the stored one. */
export const patchContactMethodSchema = z.object({
  kind: kind.optional(),
  label: label.optional(),
  target: z
    .string()
    .trim()
    .max(contactTargetMaxLength, `At most ${contactTargetMaxLength} characters.`)
    .optional(),
  enabled: enabled.optional(),
  version,
});
