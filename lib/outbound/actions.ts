"use server";

import { revalidatePath } from "next/cache";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import type { AllowRuleInput } from "@/lib/outbound/types";
import { guardedCall } from "@/lib/server-action";
import { idOf } from "@/lib/validation";

export const addAllowRuleAction = guardedCall("admin", async (actor, input: AllowRuleInput) => {
  const rule = await addAllowRule(actor, input);
  revalidatePath("/settings/outbound");
  return rule;
});

export const removeAllowRuleAction = guardedCall("admin", async (actor, ruleId: string) => {
  await removeAllowRule(actor, idOf(ruleId, "The rule"));
  revalidatePath("/settings/outbound");
  return { removed: true as const };
});
