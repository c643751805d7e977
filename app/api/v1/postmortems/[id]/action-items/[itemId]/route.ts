import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { updateActionItem } from "@/lib/postmortems/mutations";

export const PATCH = apiRoute<{ id: string; itemId: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse({ actionItem: await updateActionItem(actor, params.id, params.itemId, body) });
});
