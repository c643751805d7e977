"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createContactMethod, deleteContactMethod, updateContactMethod } from "@/lib/contacts/data";
import { createContactMethodSchema } from "@/lib/contacts/schema";
import { sendTestNotification } from "@/lib/contacts/send";
import { notFoundError } from "@/lib/errors";
import { guardedAction } from "@/lib/server-action";
import { parseInput } from "@/lib/validation";

const uuid = z.string().uuid();
const accountPath = "/settings/account";

/** The account page and an admin's view of someone's methods show the same rows. */
function revalidateContactPages(): void {
  revalidatePath(accountPath);
  revalidatePath("/settings/users/[id]/contact-methods", "page");
}

/** Form fields into the schema's shape: `enabled` only when ticked. */
function contactMethodInputFromForm(form: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: form.kind,
    label: form.label ?? "",
    target: form.target,
    enabled: form.enabled === undefined ? true : form.enabled === "true" || form.enabled === "on",
  };
}

function methodIdFrom(input: Record<string, unknown>): string {
  const parsed = uuid.safeParse(input.methodId);
  if (!parsed.success) throw notFoundError("The contact method");
  return parsed.data;
}

/** For the signed-in person, or (admins, from Settings → Users) for the person named by `userId`. */
export const createContactMethodAction = guardedAction("viewer", async (input, actor) => {
  const owner = typeof input.userId === "string" && input.userId !== "" ? input.userId : actor.id;
  const method = await createContactMethod(actor, parseInput(createContactMethodSchema, contactMethodInputFromForm(input)), owner);
  revalidateContactPages();
  return method;
});

export const setContactMethodEnabledAction = guardedAction("viewer", async (input, actor) => {
  const method = await updateContactMethod(actor, methodIdFrom(input), { version: input.version, enabled: input.enabled === "true" });
  revalidateContactPages();
  return method;
});

export const deleteContactMethodAction = guardedAction("viewer", async (input, actor) => {
  const methodId = methodIdFrom(input);
  await deleteContactMethod(actor, methodId);
  revalidateContactPages();
  return { deleted: methodId };
});

export const sendContactTestAction = guardedAction("viewer", async (input, actor) => {
  const method = await sendTestNotification(actor, methodIdFrom(input));
  revalidateContactPages();
  return method;
});
