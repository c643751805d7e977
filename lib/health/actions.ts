"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError } from "@/lib/errors";
import { acceptBaseline } from "@/lib/health/baselines";
import { checkServiceNow } from "@/lib/health/check-now";
import { addAllowRule, createService, deleteService, removeAllowRule, updateService } from "@/lib/health/data";
import { acceptBaselineSchema } from "@/lib/health/schema";
import type { AcceptBaselineInput, AllowRuleInput, ServiceEnabledInput, ServiceFormInput, ServiceUpdateInput } from "@/lib/health/types";
import { guardedCall } from "@/lib/server-action";
import { parseInput } from "@/lib/validation";

const uuid = z.string().uuid();

function idOf(value: unknown, what: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw notFoundError(what);
  return parsed.data;
}

function revalidateServicePages(serviceId?: string): void {
  revalidatePath("/");
  revalidatePath("/services");
  revalidatePath("/settings/services");
  if (serviceId) {
    revalidatePath(`/services/${serviceId}`);
    revalidatePath(`/settings/services/${serviceId}`);
  }
}

export const createServiceAction = guardedCall("lead", async (actor, input: ServiceFormInput) => {
  const service = await createService(actor, input);
  revalidateServicePages();
  return service;
});

export const updateServiceAction = guardedCall("lead", async (actor, serviceId: string, input: ServiceUpdateInput) => {
  const id = idOf(serviceId, "The service");
  const service = await updateService(actor, id, input);
  revalidateServicePages(id);
  return service;
});

export const setServiceEnabledAction = guardedCall("lead", async (actor, serviceId: string, input: ServiceEnabledInput) => {
  const id = idOf(serviceId, "The service");
  const service = await updateService(actor, id, { version: input.version, enabled: input.enabled });
  revalidateServicePages(id);
  return service;
});

export const deleteServiceAction = guardedCall("lead", async (actor, serviceId: string) => {
  const id = idOf(serviceId, "The service");
  await deleteService(actor, id);
  revalidateServicePages();
  return { deleted: id };
});

// No revalidation: the result is shown inline and the page's live queries pick up the new state.
export const checkServiceNowAction = guardedCall("responder", async (actor, serviceId: string) => {
  return checkServiceNow(actor, idOf(serviceId, "The service"));
});

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

export const acceptBaselineAction = guardedCall("lead", async (actor, serviceId: string, input: AcceptBaselineInput) => {
  const id = idOf(serviceId, "The service");
  const baseline = await acceptBaseline(actor, id, parseInput(acceptBaselineSchema, input));
  revalidatePath(`/services/${id}`);
  return baseline;
});
