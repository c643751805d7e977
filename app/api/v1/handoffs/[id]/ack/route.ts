import { apiRoute, jsonResponse } from "@/lib/api/http";
import { acknowledgeHandoff } from "@/lib/handoffs/mutations";

/** Only the incoming on-call may acknowledge (403 for anyone else); a repeat returns the handoff unchanged. */
export const POST = apiRoute<{ id: string }>("responder", async ({ actor, params }) => jsonResponse({ handoff: await acknowledgeHandoff(actor, params.id) }));
