import { apiRoute, jsonResponse } from "@/lib/api/http";
import { getIncident, latestFailingChecks, listTickedSteps } from "@/lib/incidents/data";

/** The incident with what its page shows beside it: ticked runbook steps and the affected services' latest failures. */
export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => {
  const incident = await getIncident(params.id);
  const [tickedSteps, failingChecks] = await Promise.all([listTickedSteps(incident.id), latestFailingChecks(incident.services.map((service) => service.id))]);
  return jsonResponse({ incident, tickedSteps, failingChecks });
});
