import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { listAlerts } from "@/lib/health/data";
import { alertListQuerySchema } from "@/lib/health/schema";

export const GET = apiRoute("viewer", async ({ request }) => jsonResponse({ alerts: await listAlerts(readQuery(request, alertListQuerySchema)) }));
