"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFoundError } from "@/lib/errors";
import { acceptBaseline } from "@/lib/health/baselines";
import { checkServiceNow } from "@/lib/health/check-now";
import { addAllowRule, createService, deleteService, removeAllowRule, updateService } from "@/lib/health/data";
import { acceptBaselineSchema, serviceInputFromForm } from "@/lib/health/schema";
import { guardedAction } from "@/lib/server-action";
import { parseInput } from "@/lib/validation";

const uuid = z.string().uuid();

function idFrom(input: Record<string, unknown>, key: string, what: string): string {
  const parsed = uuid.safeParse(input[key]);
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

export const createServiceAction = guardedAction("lead", async (input, actor) => {
  const service = await createService(actor, serviceInputFromForm(input));
  revalidateServicePages();
  return service;
});

export const updateServiceAction = guardedAction("lead", async (input, actor) => {
  const serviceId = idFrom(input, "serviceId", "The service");
  const { serviceId: _serviceId, ...fields } = input;
  const service = await updateService(actor, serviceId, serviceInputFromForm(fields));
  revalidateServicePages(serviceId);
  return service;
});

export const setServiceEnabledAction = guardedAction("lead", async (input, actor) => {
  const serviceId = idFrom(input, "serviceId", "The service");
  const service = await updateService(actor, serviceId, { version: input.version, enabled: input.enabled === "true" });
  revalidateServicePages(serviceId);
  return service;
});

export const deleteServiceAction = guardedAction("lead", async (input, actor) => {
  const serviceId = idFrom(input, "serviceId", "The service");
  await deleteService(actor, serviceId);
  revalidateServicePages();
  return { deleted: serviceId };
});

// No revalidation: the result is shown inline and the page's live queries pick up the new state.
export const checkServiceNowAction = guardedAction("responder", async (input, actor) => {
  return checkServiceNow(actor, idFrom(input, "serviceId", "The service"));
});

export const addAllowRuleAction = guardedAction("admin", async (input, actor) => {
  const rule = await addAllowRule(actor, { rule: input.rule, note: input.note });
  revalidatePath("/settings/outbound");
  return rule;
});

export const removeAllowRuleAction = guardedAction("admin", async (input, actor) => {
  await removeAllowRule(actor, idFrom(input, "ruleId", "The rule"));
  revalidatePath("/settings/outbound");
  return { removed: true as const };
});

export const acceptBaselineAction = guardedAction("lead", async (input, actor) => {
  const serviceId = idFrom(input, "serviceId", "The service");
  const baseline = await acceptBaseline(actor, serviceId, parseInput(acceptBaselineSchema, input));
  revalidatePath(`/services/${serviceId}`);
  return baseline;
});
