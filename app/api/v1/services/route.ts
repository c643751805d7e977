import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { createService, listServices } from "@/lib/health/data";
import { serviceInputSchema } from "@/lib/health/schema";

export const GET = apiRoute("viewer", async () => jsonResponse({ services: await listServices() }));

export const POST = apiRoute("lead", async ({ request, actor }) => {
  const service = await createService(actor, await readJsonBody(request, serviceInputSchema));
  return jsonResponse({ service }, { status: 201 });
});
