import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { createdOrReplayed, withIdempotencyKey } from "@/lib/api/idempotency";
import { postStatusUpdate } from "@/lib/incidents/mutations";

export const POST = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  const { entry, created } = await postStatusUpdate(actor, params.id, withIdempotencyKey(request, body));
  return jsonResponse({ entry }, { status: createdOrReplayed(created) });
});
