import { handlerOf, jsonResponse } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { checkServiceNow } from "@/lib/health/check-now";

export const POST = handlerOf(healthOperations.checkServiceNow, async ({ actor, params }) =>
  jsonResponse({ check: await checkServiceNow(actor, params.id) }),
);
