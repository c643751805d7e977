import { handlerOf, jsonResponse } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { getLatencySeries } from "@/lib/health/data";
import { getService } from "@/lib/services/data";
import { notFoundError } from "@/lib/errors";

export const GET = handlerOf(healthOperations.getLatency, async ({ params, query: { range } }) => {
  const service = await getService(params.id);
  if (!service) throw notFoundError("The service");
  return jsonResponse({
    range,
    sloMs: service.latencySloMs,
    points: await getLatencySeries(params.id, range),
  });
});
