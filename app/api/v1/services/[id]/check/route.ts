import { apiRoute, jsonResponse } from "@/lib/api/http";
import { checkServiceNow } from "@/lib/health/check-now";

export const POST = apiRoute<{ id: string }>("responder", async ({ actor, params }) => jsonResponse({ check: await checkServiceNow(actor, params.id) }));
