import { handlerOf, jsonResponse } from "@/lib/api/http";
import { maintenanceOperations } from "@/lib/api/operations/maintenance";
import { endMaintenanceWindow } from "@/lib/maintenance/data";

/** Ends the window now (an empty body is fine; `{ version }` makes it conditional on what the caller saw). */
export const POST = handlerOf(
  maintenanceOperations.endMaintenanceWindow,
  async ({ actor, params, body }) =>
    jsonResponse({ window: await endMaintenanceWindow(actor, params.id, body) }),
);
