import { apiRoute, jsonResponse, readJsonBody, readQuery } from "@/lib/api/http";
import { createMaintenanceWindow, listMaintenanceWindows } from "@/lib/maintenance/data";
import { createMaintenanceSchema, maintenanceListQuerySchema } from "@/lib/maintenance/schema";

/** Active, upcoming and recently ended windows. */
export const GET = apiRoute("viewer", async ({ request }) => jsonResponse(await listMaintenanceWindows(readQuery(request, maintenanceListQuerySchema))));

export const POST = apiRoute("responder", async ({ request, actor }) => {
  const body = await readJsonBody(request, createMaintenanceSchema);
  return jsonResponse({ window: await createMaintenanceWindow(actor, body) }, { status: 201 });
});
