import { apiRoute, jsonResponse } from "@/lib/api/http";
import { getPostmortemDetail } from "@/lib/postmortems/data";

export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => jsonResponse(await getPostmortemDetail(params.id)));
