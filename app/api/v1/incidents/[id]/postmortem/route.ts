import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { notFoundError } from "@/lib/errors";
import { getPostmortemDetail, getPostmortemIdForIncident } from "@/lib/postmortems/data";
import { savePostmortem } from "@/lib/postmortems/mutations";

export const GET = handlerOf(postmortemOperations.getIncidentPostmortem, async ({ params }) => {
  const postmortemId = await getPostmortemIdForIncident(params.id);
  if (!postmortemId) throw notFoundError("The postmortem");
  return jsonResponse(await getPostmortemDetail(postmortemId));
});

/** Creates the postmortem on the first save (201); later saves send the `version` they read. */
export const PUT = handlerOf(
  postmortemOperations.savePostmortem,
  async ({ actor, params, body }) => {
    const { detail, created } = await savePostmortem(actor, params.id, body);
    return jsonResponse(detail, { status: created ? 201 : 200 });
  },
);
