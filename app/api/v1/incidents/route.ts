import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody, readQuery } from "@/lib/api/http";
import { createdOrReplayed, withIdempotencyKey } from "@/lib/api/idempotency";
import { listIncidents } from "@/lib/incidents/data";
import { declareIncident } from "@/lib/incidents/mutations";
import { incidentListFilterSchema } from "@/lib/incidents/schema";

export const GET = apiRoute("viewer", async ({ request }) => {
  const filter = readQuery(request, incidentListFilterSchema);
  return jsonResponse({ incidents: await listIncidents(filter) });
});

export const POST = apiRoute("responder", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  const { incident, created } = await declareIncident(actor, withIdempotencyKey(request, body));
  return jsonResponse({ incident }, { status: createdOrReplayed(created) });
});
