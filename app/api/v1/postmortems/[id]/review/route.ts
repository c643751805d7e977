import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { submitReview } from "@/lib/postmortems/mutations";

export const POST = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse(await submitReview(actor, params.id, body));
});
