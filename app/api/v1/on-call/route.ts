import { apiRoute, jsonResponse } from "@/lib/api/http";
import { getOnCallNow } from "@/lib/handoffs/data";

/** Who is on call now and why: the same answer as the overview header and the CLI's `oncall`. */
export const GET = apiRoute("viewer", async () => jsonResponse(await getOnCallNow()));
