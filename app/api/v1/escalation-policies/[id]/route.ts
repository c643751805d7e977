import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { deletePolicy, getPolicy, updateEscalationPolicySchema, updatePolicy } from "@/lib/paging/policies";

export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => jsonResponse({ policy: await getPolicy(params.id) }));

/** The whole policy with the version read (409 with the current one when stale); `isDefault: true` makes it the default. */
export const PUT = apiRoute<{ id: string }>("lead", async ({ request, actor, params }) => {
  const input = await readJsonBody(request, updateEscalationPolicySchema);
  return jsonResponse({ policy: await updatePolicy(actor, params.id, input) });
});

/** The default policy cannot be deleted (409); services that named this one follow the default again. */
export const DELETE = apiRoute<{ id: string }>("lead", async ({ actor, params }) => {
  await deletePolicy(actor, params.id);
  return jsonResponse({ deleted: true });
});
