import { handlerOf, jsonResponse } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { listAlerts } from "@/lib/health/data";

export const GET = handlerOf(healthOperations.listAlerts, async ({ query }) =>
  jsonResponse({ alerts: await listAlerts(query) }),
);
