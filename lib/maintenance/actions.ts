"use server";

import { revalidatePath } from "next/cache";
import { notFoundError } from "@/lib/errors";
import { changeMaintenanceSchema, createMaintenanceSchema } from "@/lib/maintenance/schema";
import { parseInput } from "@/lib/validation";
import { cancelMaintenanceWindow, createMaintenanceWindow, endMaintenanceWindow, setMaintenanceExcludedFromUptime } from "@/lib/maintenance/data";
import type { MaintenanceWindowView } from "@/lib/maintenance/types";
import { guardedAction } from "@/lib/server-action";

function revalidateMaintenancePages(window: MaintenanceWindowView): void {
  revalidatePath("/maintenance");
  revalidatePath("/");
  for (const service of window.services) revalidatePath(`/services/${service.id}`);
}

const idOf = (input: Record<string, unknown>) => {
  if (typeof input.windowId !== "string") throw notFoundError("The maintenance window");
  return input.windowId;
};

/** The maintenance form: services arrive as one comma-separated field of ids. */
export const createMaintenanceAction = guardedAction("responder", async (input, actor) => {
  const window = await createMaintenanceWindow(actor, parseInput(createMaintenanceSchema, input));
  revalidateMaintenancePages(window);
  return window;
});

/** "End now": one click, on the version the page showed. */
export const endMaintenanceAction = guardedAction("responder", async (input, actor) => {
  const window = await endMaintenanceWindow(actor, idOf(input), parseInput(changeMaintenanceSchema, { version: input.version }));
  revalidateMaintenancePages(window);
  return window;
});

export const cancelMaintenanceAction = guardedAction("responder", async (input, actor) => {
  const window = await cancelMaintenanceWindow(actor, idOf(input), parseInput(changeMaintenanceSchema, { version: input.version }));
  revalidateMaintenancePages(window);
  return window;
});

/** Settings → Team: leave maintenance windows out of uptime and the error budget. */
export const setMaintenanceUptimeAction = guardedAction("admin", async (input, actor) => {
  const version = typeof input.version === "string" && /^\d+$/.test(input.version) ? Number(input.version) : undefined;
  const result = await setMaintenanceExcludedFromUptime(actor, { excluded: input.excluded === "on" || input.excluded === "true", version });
  revalidatePath("/settings/team");
  revalidatePath("/");
  return result;
});
