"use server";

import { revalidatePath } from "next/cache";
import type { Role } from "@/lib/auth/roles";
import { guardedCall } from "@/lib/server-action";
import {
  changeOwnPassword,
  createUser,
  resetUserPassword,
  setUserDisabled,
  setUserRole,
} from "@/lib/users/data";
import type { ChangeOwnPasswordInput, CreateUserInput } from "@/lib/users/types";

const usersPath = "/settings/users";

export const createUserAction = guardedCall("admin", async (actor, input: CreateUserInput) => {
  const result = await createUser(actor, input);
  revalidatePath(usersPath);
  return result;
});

export const setUserRoleAction = guardedCall("admin", async (actor, userId: string, role: Role) => {
  const user = await setUserRole(actor, { userId, role });
  revalidatePath(usersPath);
  return user;
});

export const setUserDisabledAction = guardedCall(
  "admin",
  async (actor, userId: string, disabled: boolean) => {
    const user = await setUserDisabled(actor, { userId, disabled });
    revalidatePath(usersPath);
    return user;
  },
);

/** Without a password, one is generated and shown once. */
export const resetUserPasswordAction = guardedCall("admin", async (actor, userId: string) => {
  const result = await resetUserPassword(actor, { userId });
  revalidatePath(usersPath);
  return result;
});

// No revalidation: the change ends this session, so re-rendering the page would bounce to sign-in
// before the form could say what happened.
export const changeOwnPasswordAction = guardedCall(
  "viewer",
  async (actor, input: ChangeOwnPasswordInput) => {
    await changeOwnPassword(actor, input);
    return { signedOut: true as const };
  },
);
