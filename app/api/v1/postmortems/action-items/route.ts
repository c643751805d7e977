import { handlerOf, jsonResponse } from "@/lib/api/http";
import { postmortemOperations } from "@/lib/api/operations/postmortems";
import { listActionItems } from "@/lib/postmortems/data";

export const GET = handlerOf(postmortemOperations.listActionItems, async ({ query }) =>
  jsonResponse({ actionItems: await listActionItems(query) }),
);
