import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { deletePolicy, getPolicy, updatePolicy, type UpdateEscalationPolicyInput } from "@/lib/paging/policies";

export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => jsonResponse({ policy: await getPolicy(params.id) }));

/** The whole policy with the version read (409 with the current one when stale); `isDefault: true` makes it the default. */
export const PUT = apiRoute<{ id: string }>("lead", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse({ policy: await updatePolicy(actor, params.id, body as UpdateEscalationPolicyInput) });
});

/** The default policy cannot be deleted (409); services that named this one follow the default again. */
export const DELETE = apiRoute<{ id: string }>("lead", async ({ actor, params }) => {
  await deletePolicy(actor, params.id);
  return jsonResponse({ deleted: true });
});
