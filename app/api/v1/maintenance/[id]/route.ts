import { handlerOf, jsonResponse } from "@/lib/api/http";
import { maintenanceOperations } from "@/lib/api/operations/maintenance";
import { getMaintenanceWindow } from "@/lib/maintenance/data";

export const GET = handlerOf(maintenanceOperations.getMaintenanceWindow, async ({ params }) =>
  jsonResponse({ window: await getMaintenanceWindow(params.id) }),
);
