import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { listPostmortems } from "@/lib/postmortems/data";

export const GET = handlerOf(postmortemOperations.listPostmortems, async ({ query }) =>
  jsonResponse({ postmortems: await listPostmortems(query) }),
);
