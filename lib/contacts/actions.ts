"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createContactMethod, deleteContactMethod, updateContactMethod } from "@/lib/contacts/data";
import { createContactMethodSchema } from "@/lib/contacts/schema";
import { sendTestNotification } from "@/lib/contacts/send";
import type { CreateContactMethodInput } from "@/lib/contacts/types";
import { notFoundError } from "@/lib/errors";
import { guardedCall } from "@/lib/server-action";
import { parseInput } from "@/lib/validation";

const uuid = z.string().uuid();
const accountPath = "/settings/account";

/** The account page and an admin's view of someone's methods show the same rows. */
function revalidateContactPages(): void {
  revalidatePath(accountPath);
  revalidatePath("/settings/users/[id]/contact-methods", "page");
}

function checkedMethodId(methodId: string): string {
  const parsed = uuid.safeParse(methodId);
  if (!parsed.success) throw notFoundError("The contact method");
  return parsed.data;
}

/** For the signed-in person, or (admins, from Settings → Users) for the person named by `userId`. */
export const createContactMethodAction = guardedCall(
  "viewer",
  async (actor, input: CreateContactMethodInput, userId?: string) => {
    const method = await createContactMethod(
      actor,
      parseInput(createContactMethodSchema, input),
      typeof userId === "string" && userId !== "" ? userId : actor.id,
    );
    revalidateContactPages();
    return method;
  },
);

export const setContactMethodEnabledAction = guardedCall(
  "viewer",
  async (actor, methodId: string, input: { version: number; enabled: boolean }) => {
    const method = await updateContactMethod(actor, checkedMethodId(methodId), {
      version: input.version,
      enabled: input.enabled === true,
    });
    revalidateContactPages();
    return method;
  },
);

export const deleteContactMethodAction = guardedCall("viewer", async (actor, methodId: string) => {
  await deleteContactMethod(actor, checkedMethodId(methodId));
  revalidateContactPages();
  return { deleted: methodId };
});

export const sendContactTestAction = guardedCall("viewer", async (actor, methodId: string) => {
  const method = await sendTestNotification(actor, checkedMethodId(methodId));
  revalidateContactPages();
  return method;
});
