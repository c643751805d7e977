"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/server-action";
import { createApiToken, revokeApiToken } from "@/lib/tokens/data";

const tokensPath = "/settings/tokens";

export const createApiTokenAction = guardedAction("admin", async (input, actor) => {
  const result = await createApiToken(actor, input);
  revalidatePath(tokensPath);
  return result;
});

export const revokeApiTokenAction = guardedAction("admin", async (input, actor) => {
  const token = await revokeApiToken(actor, input);
  revalidatePath(tokensPath);
  return token;
});
