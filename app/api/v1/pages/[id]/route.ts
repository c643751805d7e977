import { apiRoute, jsonResponse } from "@/lib/api/http";
import { getPage } from "@/lib/paging/data";

/** A page by id or number, with every notification sent for it. */
export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => jsonResponse({ page: await getPage(params.id) }));
