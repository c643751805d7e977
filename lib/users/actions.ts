"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/server-action";
import { changeOwnPassword, createUser, resetUserPassword, setUserDisabled, setUserRole } from "@/lib/users/data";

const usersPath = "/settings/users";

export const createUserAction = guardedAction("admin", async (input, actor) => {
  const result = await createUser(actor, input);
  revalidatePath(usersPath);
  return result;
});

export const setUserRoleAction = guardedAction("admin", async (input, actor) => {
  const user = await setUserRole(actor, input);
  revalidatePath(usersPath);
  return user;
});

export const setUserDisabledAction = guardedAction("admin", async (input, actor) => {
  const user = await setUserDisabled(actor, input);
  revalidatePath(usersPath);
  return user;
});

export const resetUserPasswordAction = guardedAction("admin", async (input, actor) => {
  const result = await resetUserPassword(actor, input);
  revalidatePath(usersPath);
  return result;
});

// No revalidation: the change ends this session, so re-rendering the page would bounce to sign-in
// before the form could say what happened.
export const changeOwnPasswordAction = guardedAction("viewer", async (input, actor) => {
  await changeOwnPassword(actor, input);
  return { signedOut: true as const };
});
