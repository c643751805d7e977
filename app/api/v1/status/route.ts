import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { getStatusSummary } from "@/lib/health/data";
import { statusFilterSchema } from "@/lib/health/schema";

export const GET = apiRoute("viewer", async ({ request }) => jsonResponse(await getStatusSummary(readQuery(request, statusFilterSchema))));
