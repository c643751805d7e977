import { handlerOf, jsonResponse } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { getService } from "@/lib/services/data";
import { listChecks } from "@/lib/health/data";
import { notFoundError } from "@/lib/errors";

export const GET = handlerOf(healthOperations.listChecks, async ({ params, query }) => {
  if (!(await getService(params.id))) throw notFoundError("The service");
  return jsonResponse(await listChecks(params.id, query));
});
