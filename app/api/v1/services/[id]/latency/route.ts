import { z } from "zod";
import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { getService, getLatencySeries } from "@/lib/health/data";
import { latencyRanges } from "@/lib/health/schema";
import { notFoundError } from "@/lib/errors";

const latencyQuerySchema = z.object({ range: z.enum(latencyRanges).default("1h") });

export const GET = apiRoute<{ id: string }>("viewer", async ({ request, params }) => {
  const { range } = readQuery(request, latencyQuerySchema);
  const service = await getService(params.id);
  if (!service) throw notFoundError("The service");
  return jsonResponse({ range, sloMs: service.latencySloMs, points: await getLatencySeries(params.id, range) });
});
