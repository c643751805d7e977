import { handlerOf, jsonResponse } from "@/lib/api/http";
import { pagingOperations } from "@/lib/api/operations/paging";
import { listPages } from "@/lib/paging/data";

/** Newest first; `?state=open` for the pages not yet resolved; `?before=<number>` for the next page of the list. */
export const GET = handlerOf(pagingOperations.listPages, async ({ query }) =>
  jsonResponse(await listPages(query)),
);
