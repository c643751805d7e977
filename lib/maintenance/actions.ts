"use server";

import { revalidatePath } from "next/cache";
import {
  cancelMaintenanceWindow,
  createMaintenanceWindow,
  endMaintenanceWindow,
  setMaintenanceExcludedFromUptime,
} from "@/lib/maintenance/data";
import type {
  ChangeMaintenanceInput,
  CreateMaintenanceInput,
  MaintenanceWindowView,
} from "@/lib/maintenance/types";
import { guardedCall } from "@/lib/server-action";

function revalidateMaintenancePages(window: MaintenanceWindowView): void {
  revalidatePath("/maintenance");
  revalidatePath("/");
  for (const service of window.services) revalidatePath(`/services/${service.id}`);
}

/** The maintenance form: services arrive as one comma-separated field of ids. */
export const createMaintenanceAction = guardedCall(
  "responder",
  async (actor, input: CreateMaintenanceInput) => {
    const window = await createMaintenanceWindow(actor, input);
    revalidateMaintenancePages(window);
    return window;
  },
);

/** "End now": one click, on the version the page showed. The data layer parses every input. */
export const endMaintenanceAction = guardedCall(
  "responder",
  async (actor, windowId: string, input: ChangeMaintenanceInput) => {
    const window = await endMaintenanceWindow(actor, windowId, input);
    revalidateMaintenancePages(window);
    return window;
  },
);

export const cancelMaintenanceAction = guardedCall(
  "responder",
  async (actor, windowId: string, input: ChangeMaintenanceInput) => {
    const window = await cancelMaintenanceWindow(actor, windowId, input);
    revalidateMaintenancePages(window);
    return window;
  },
);

/** Settings → Team: leave maintenance windows out of uptime and the error budget. */
export const setMaintenanceUptimeAction = guardedCall(
  "admin",
  async (actor, input: { excluded: boolean; version?: number }) => {
    const result = await setMaintenanceExcludedFromUptime(actor, {
      excluded: input.excluded === true,
      version: Number.isSafeInteger(input.version) ? input.version : undefined,
    });
    revalidatePath("/settings/team");
    revalidatePath("/");
    return result;
  },
);
