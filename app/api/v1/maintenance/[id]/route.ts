import { apiRoute, jsonResponse } from "@/lib/api/http";
import { getMaintenanceWindow } from "@/lib/maintenance/data";

export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => jsonResponse({ window: await getMaintenanceWindow(params.id) }));
