import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { deleteEscalationContact, updateEscalationContact } from "@/lib/handoffs/mutations";

/** Fields not sent keep their values. */
export const PATCH = apiRoute<{ id: string }>("admin", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse({ contact: await updateEscalationContact(actor, params.id, body) });
});

export const DELETE = apiRoute<{ id: string }>("admin", async ({ actor, params }) => {
  await deleteEscalationContact(actor, params.id);
  return jsonResponse({ deleted: true });
});
