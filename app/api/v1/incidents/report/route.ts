import { z } from "zod";
import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { incidentReport } from "@/lib/incidents/data";

const reportQuerySchema = z.object({ months: z.coerce.number().int().min(1).max(36).default(12) });

export const GET = apiRoute("viewer", async ({ request }) => {
  const { months } = readQuery(request, reportQuerySchema);
  return jsonResponse({ report: await incidentReport(months) });
});
