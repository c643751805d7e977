import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { listPages } from "@/lib/paging/data";
import { listPagesQuerySchema } from "@/lib/paging/schema";

/** Newest first; `?state=open` for the pages not yet resolved; `?before=<number>` for the next page of the list. */
export const GET = apiRoute("viewer", async ({ request }) => jsonResponse(await listPages(readQuery(request, listPagesQuerySchema))));
