import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { notFoundError } from "@/lib/errors";
import { getPostmortemDetail, getPostmortemIdForIncident } from "@/lib/postmortems/data";
import { savePostmortem } from "@/lib/postmortems/mutations";

export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => {
  const postmortemId = await getPostmortemIdForIncident(params.id);
  if (!postmortemId) throw notFoundError("The postmortem");
  return jsonResponse(await getPostmortemDetail(postmortemId));
});

/** Creates the postmortem on the first save (201); later saves send the `version` they read. */
export const PUT = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  const { detail, created } = await savePostmortem(actor, params.id, body);
  return jsonResponse(detail, { status: created ? 201 : 200 });
});
