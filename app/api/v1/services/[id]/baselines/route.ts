import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { acceptBaseline, listBaselines } from "@/lib/health/baselines";
import { acceptBaselineSchema } from "@/lib/health/schema";

export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => jsonResponse({ baselines: await listBaselines(params.id) }));

export const POST = apiRoute<{ id: string }>("lead", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, acceptBaselineSchema);
  return jsonResponse({ baseline: await acceptBaseline(actor, params.id, body) });
});
