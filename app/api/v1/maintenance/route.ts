import { handlerOf, jsonResponse } from "@/lib/api/http";
import { maintenanceOperations } from "@/lib/api/operations/maintenance";
import { createMaintenanceWindow, listMaintenanceWindows } from "@/lib/maintenance/data";

/** Active, upcoming and recently ended windows. */
export const GET = handlerOf(maintenanceOperations.listMaintenanceWindows, async ({ query }) =>
  jsonResponse(await listMaintenanceWindows(query)),
);

export const POST = handlerOf(
  maintenanceOperations.createMaintenanceWindow,
  async ({ actor, body }) =>
    jsonResponse({ window: await createMaintenanceWindow(actor, body) }, { status: 201 }),
);
