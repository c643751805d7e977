"use server";

import { revalidatePath } from "next/cache";
import { acceptBaseline } from "@/lib/health/baselines";
import { checkServiceNow } from "@/lib/health/check-now";
import { acceptBaselineSchema } from "@/lib/health/schema";
import type { AcceptBaselineInput } from "@/lib/health/types";
import { guardedCall } from "@/lib/server-action";
import { idOf, parseInput } from "@/lib/validation";

// No revalidation: the result is shown inline and the page's live queries pick up the new state.
export const checkServiceNowAction = guardedCall("responder", async (actor, serviceId: string) => {
  return checkServiceNow(actor, idOf(serviceId, "The service"));
});

export const acceptBaselineAction = guardedCall(
  "lead",
  async (actor, serviceId: string, input: AcceptBaselineInput) => {
    const id = idOf(serviceId, "The service");
    const baseline = await acceptBaseline(actor, id, parseInput(acceptBaselineSchema, input));
    revalidatePath(`/services/${id}`);
    return baseline;
  },
);
