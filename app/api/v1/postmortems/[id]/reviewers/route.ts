import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { requestReview } from "@/lib/postmortems/mutations";

/** Sets the reviewer list and moves the postmortem into review. */
export const POST = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse(await requestReview(actor, params.id, body));
});
