"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError, validationError } from "@/lib/errors";
import { createPolicy, deletePolicy, setDefaultPolicy, updatePolicy } from "@/lib/paging/policies";
import { escalationPolicyInputSchema, updateEscalationPolicySchema } from "@/lib/paging/schema";
import type { EscalationPolicyView } from "@/lib/paging/types";
import { guardedAction } from "@/lib/server-action";
import { parseInput } from "@/lib/validation";

const uuid = z.string().uuid();

function policyIdFrom(input: Record<string, unknown>): string {
  const parsed = uuid.safeParse(input.policyId);
  if (!parsed.success) throw notFoundError("The escalation policy");
  return parsed.data;
}

function revalidatePolicyPages(): void {
  revalidatePath("/settings/on-call");
  revalidatePath("/settings/services", "layout");
}

/**
 * The editor sends the whole policy as one JSON field (`policy`): levels nest targets, which flat form fields
 * would only spell out again. With `policyId` it replaces that policy on its version; without, it creates one
 * (saving the built-in default creates the stored default).
 */
export const saveEscalationPolicyAction = guardedAction("lead", async (input, actor): Promise<EscalationPolicyView> => {
  let body: unknown;
  try {
    body = JSON.parse(typeof input.policy === "string" ? input.policy : "");
  } catch {
    throw validationError({ _: ["The policy could not be read; reload the page and try again."] });
  }
  const policy =
    typeof input.policyId === "string" && input.policyId !== ""
      ? await updatePolicy(actor, policyIdFrom(input), parseInput(updateEscalationPolicySchema, body))
      : await createPolicy(actor, parseInput(escalationPolicyInputSchema, body));
  revalidatePolicyPages();
  return policy;
});

export const setDefaultEscalationPolicyAction = guardedAction("lead", async (input, actor) => {
  const policy = await setDefaultPolicy(actor, policyIdFrom(input));
  revalidatePolicyPages();
  return policy;
});

export const deleteEscalationPolicyAction = guardedAction("lead", async (input, actor) => {
  const policyId = policyIdFrom(input);
  await deletePolicy(actor, policyId);
  revalidatePolicyPages();
  return { id: policyId };
});
