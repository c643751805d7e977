import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { endMaintenanceWindow } from "@/lib/maintenance/data";
import { changeMaintenanceSchema } from "@/lib/maintenance/schema";

/** Ends the window now (an empty body is fine; `{ version }` makes it conditional on what the caller saw). */
export const POST = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = request.headers.get("content-type") ? await readJsonBody(request, changeMaintenanceSchema) : {};
  return jsonResponse({ window: await endMaintenanceWindow(actor, params.id, body) });
});
