import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { deleteContactMethod, updateContactMethod } from "@/lib/contacts/data";
import { patchContactMethodSchema } from "@/lib/contacts/schema";

/** Fields not sent keep their values; `version` is the one read (409 when stale). */
export const PATCH = apiRoute<{ id: string }>("viewer", async ({ request, actor, params }) => {
  const input = await readJsonBody(request, patchContactMethodSchema);
  return jsonResponse({ contactMethod: await updateContactMethod(actor, params.id, input) });
});

export const DELETE = apiRoute<{ id: string }>("viewer", async ({ actor, params }) => {
  await deleteContactMethod(actor, params.id);
  return jsonResponse({ deleted: true });
});
