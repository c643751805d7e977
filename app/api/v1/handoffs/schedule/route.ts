import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { getHandoffSchedule } from "@/lib/handoffs/data";
import { updateHandoffSchedule } from "@/lib/handoffs/mutations";

export const GET = apiRoute("viewer", async () => jsonResponse(await getHandoffSchedule()));

/** Send the version you read: a stale one is refused with 409 and the current schedule. */
export const PUT = apiRoute("admin", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse(await updateHandoffSchedule(actor, body));
});
