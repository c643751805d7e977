import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { getService, listChecks } from "@/lib/health/data";
import { checksQuerySchema } from "@/lib/health/schema";
import { notFoundError } from "@/lib/errors";

export const GET = apiRoute<{ id: string }>("viewer", async ({ request, params }) => {
  const query = readQuery(request, checksQuerySchema);
  if (!(await getService(params.id))) throw notFoundError("The service");
  return jsonResponse(await listChecks(params.id, query));
});
