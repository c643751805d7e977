import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { getIncident, latestFailingChecks, listTickedSteps } from "@/lib/incidents/data";
import { updateIncident } from "@/lib/incidents/mutations";

/** The incident with what its page shows beside it: ticked runbook steps and the affected services' latest failures. */
export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => {
  const incident = await getIncident(params.id);
  const [tickedSteps, failingChecks] = await Promise.all([listTickedSteps(incident.id), latestFailingChecks(incident.services.map((service) => service.id))]);
  return jsonResponse({ incident, tickedSteps, failingChecks });
});

export const PATCH = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse({ incident: await updateIncident(actor, params.id, body) });
});
