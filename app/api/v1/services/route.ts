import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { createService, listServices } from "@/lib/health/data";
import { z } from "zod";

export const GET = apiRoute("viewer", async () => jsonResponse({ services: await listServices() }));

export const POST = apiRoute("lead", async ({ request, actor }) => {
  // createService validates the fields and the outbound policy together, so one 422 lists every problem.
  const service = await createService(actor, await readJsonBody(request, z.record(z.string(), z.unknown())));
  return jsonResponse({ service }, { status: 201 });
});
