import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { getIncidentDetail } from "@/lib/incidents/data";
import { updateIncident } from "@/lib/incidents/mutations";

/** The incident with what its page shows beside it: the runbook's state and the affected services' latest failures. */
export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => jsonResponse(await getIncidentDetail(params.id)));

export const PATCH = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse({ incident: await updateIncident(actor, params.id, body) });
});
