"use server";

import { revalidatePath } from "next/cache";
import { guardedCall } from "@/lib/server-action";
import { createApiToken, revokeApiToken } from "@/lib/tokens/data";
import type { CreateTokenInput } from "@/lib/tokens/types";

const tokensPath = "/settings/tokens";

export const createApiTokenAction = guardedCall("admin", async (actor, input: CreateTokenInput) => {
  const result = await createApiToken(actor, input);
  revalidatePath(tokensPath);
  return result;
});

export const revokeApiTokenAction = guardedCall("admin", async (actor, tokenId: string) => {
  const token = await revokeApiToken(actor, { tokenId });
  revalidatePath(tokensPath);
  return token;
});
