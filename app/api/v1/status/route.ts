import { handlerOf, jsonResponse } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { getStatusSummary } from "@/lib/health/data";

export const GET = handlerOf(healthOperations.getStatus, async ({ query }) =>
  jsonResponse(await getStatusSummary(query)),
);
