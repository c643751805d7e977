import { handlerOf, jsonResponse } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { acceptBaseline, listBaselines } from "@/lib/health/baselines";

export const GET = handlerOf(healthOperations.listBaselines, async ({ params }) =>
  jsonResponse({ baselines: await listBaselines(params.id) }),
);

export const POST = handlerOf(healthOperations.acceptBaseline, async ({ actor, params, body }) =>
  jsonResponse({ baseline: await acceptBaseline(actor, params.id, body) }),
);
