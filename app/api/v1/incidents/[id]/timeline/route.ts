import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { listTimeline } from "@/lib/incidents/data";
import { timelineQuerySchema } from "@/lib/incidents/schema";

export const GET = apiRoute<{ id: string }>("viewer", async ({ request, params }) => {
  const query = readQuery(request, timelineQuerySchema);
  return jsonResponse(await listTimeline(params.id, query));
});
