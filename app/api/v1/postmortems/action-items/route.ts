import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { listActionItems } from "@/lib/postmortems/data";
import { actionItemListFilterSchema } from "@/lib/postmortems/schema";

export const GET = apiRoute("viewer", async ({ request }) => {
  const filter = readQuery(request, actionItemListFilterSchema);
  return jsonResponse({ actionItems: await listActionItems(filter) });
});
