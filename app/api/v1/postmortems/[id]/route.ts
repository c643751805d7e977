import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { getPostmortemDetail } from "@/lib/postmortems/data";

export const GET = handlerOf(postmortemOperations.getPostmortem, async ({ params }) =>
  jsonResponse(await getPostmortemDetail(params.id)),
);
