import { handlerOf, jsonResponse } from "@/lib/api/http";
import { pagingOperations } from "@/lib/api/operations/paging";
import { getPage } from "@/lib/paging/data";

/** A page by id or number, with every notification sent for it. */
export const GET = handlerOf(pagingOperations.getPage, async ({ params }) =>
  jsonResponse({ page: await getPage(params.id) }),
);
