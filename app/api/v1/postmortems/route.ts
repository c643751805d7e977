import { apiRoute, jsonResponse, readQuery } from "@/lib/api/http";
import { listPostmortems } from "@/lib/postmortems/data";
import { postmortemListFilterSchema } from "@/lib/postmortems/schema";

export const GET = apiRoute("viewer", async ({ request }) => {
  const filter = readQuery(request, postmortemListFilterSchema);
  return jsonResponse({ postmortems: await listPostmortems(filter) });
});
