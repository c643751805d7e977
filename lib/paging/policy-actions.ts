"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError } from "@/lib/errors";
import { createPolicy, deletePolicy, setDefaultPolicy, updatePolicy } from "@/lib/paging/policies";
import { escalationPolicyInputSchema, updateEscalationPolicySchema } from "@/lib/paging/schema";
import type {
  EscalationPolicyInput,
  EscalationPolicyView,
  UpdateEscalationPolicyInput,
} from "@/lib/paging/types";
import { guardedCall } from "@/lib/server-action";
import { parseInput } from "@/lib/validation";

const uuid = z.string().uuid();

function checkedPolicyId(policyId: string): string {
  const parsed = uuid.safeParse(policyId);
  if (!parsed.success) throw notFoundError("The escalation policy");
  return parsed.data;
}

function revalidatePolicyPages(): void {
  revalidatePath("/settings/on-call");
  revalidatePath("/settings/services", "layout");
}

/**
 * The editor sends the whole policy (levels nest targets). With a `policyId` it replaces that policy on its version;
 * without, it creates one (saving the built-in default creates the stored default).
 */
export const saveEscalationPolicyAction = guardedCall(
  "lead",
  async (
    actor,
    policyId: string | null,
    policy: EscalationPolicyInput | UpdateEscalationPolicyInput,
  ): Promise<EscalationPolicyView> => {
    const saved =
      typeof policyId === "string" && policyId !== ""
        ? await updatePolicy(
            actor,
            checkedPolicyId(policyId),
            parseInput(updateEscalationPolicySchema, policy),
          )
        : await createPolicy(actor, parseInput(escalationPolicyInputSchema, policy));
    revalidatePolicyPages();
    return saved;
  },
);

export const setDefaultEscalationPolicyAction = guardedCall(
  "lead",
  async (actor, policyId: string) => {
    const policy = await setDefaultPolicy(actor, checkedPolicyId(policyId));
    revalidatePolicyPages();
    return policy;
  },
);

export const deleteEscalationPolicyAction = guardedCall("lead", async (actor, policyId: string) => {
  await deletePolicy(actor, checkedPolicyId(policyId));
  revalidatePolicyPages();
  return { id: policyId };
});
