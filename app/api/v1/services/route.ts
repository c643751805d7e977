import { handlerOf, jsonResponse } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { createService } from "@/lib/services/mutations";
import { listServices } from "@/lib/services/data";

export const GET = handlerOf(healthOperations.listServices, async () =>
  jsonResponse({ services: await listServices() }),
);

// createService validates the fields and the outbound policy together, so one 422 lists every problem.
export const POST = handlerOf(healthOperations.createService, async ({ actor, body }) =>
  jsonResponse({ service: await createService(actor, body) }, { status: 201 }),
);
