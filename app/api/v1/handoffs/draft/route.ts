import { apiRoute, jsonResponse } from "@/lib/api/http";
import { getHandoffDraft } from "@/lib/handoffs/data";

/** What a new handoff by the caller starts with: the window from the schedule and a snapshot of live data. */
export const GET = apiRoute("viewer", async ({ actor }) => jsonResponse(await getHandoffDraft(actor)));
