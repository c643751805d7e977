"use server";

import { revalidatePath } from "next/cache";
import { createService, deleteService, updateService } from "@/lib/services/mutations";
import type {
  ServiceEnabledInput,
  ServiceFormInput,
  ServiceUpdateInput,
} from "@/lib/services/types";
import { guardedCall } from "@/lib/server-action";
import { idOf } from "@/lib/validation";

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

export const updateServiceAction = guardedCall(
  "lead",
  async (actor, serviceId: string, input: ServiceUpdateInput) => {
    const id = idOf(serviceId, "The service");
    const service = await updateService(actor, id, input);
    revalidateServicePages(id);
    return service;
  },
);

export const setServiceEnabledAction = guardedCall(
  "lead",
  async (actor, serviceId: string, input: ServiceEnabledInput) => {
    const id = idOf(serviceId, "The service");
    const service = await updateService(actor, id, {
      version: input.version,
      enabled: input.enabled,
    });
    revalidateServicePages(id);
    return service;
  },
);

export const deleteServiceAction = guardedCall("lead", async (actor, serviceId: string) => {
  const id = idOf(serviceId, "The service");
  await deleteService(actor, id);
  revalidateServicePages();
  return { deleted: id };
});
