import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { getOnCallRotation } from "@/lib/handoffs/data";
import { updateOnCallRotation } from "@/lib/handoffs/mutations";

export const GET = apiRoute("viewer", async () => jsonResponse(await getOnCallRotation()));

/** The whole rotation in shift order; send the schedule version you read: a stale one is refused with 409. */
export const PUT = apiRoute("lead", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse(await updateOnCallRotation(actor, body));
});
