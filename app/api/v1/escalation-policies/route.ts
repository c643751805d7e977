import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { createPolicy, listPolicies } from "@/lib/paging/policies";
import { escalationPolicyInputSchema } from "@/lib/paging/schema";

/** Every policy, the default first (the built-in one, with `id: null`, while none is stored), with the services following each. */
export const GET = apiRoute("viewer", async () => jsonResponse({ policies: await listPolicies() }));

/** `isDefault: true` makes the new policy the default (every other one stops being it). */
export const POST = apiRoute("lead", async ({ request, actor }) => {
  const input = await readJsonBody(request, escalationPolicyInputSchema);
  return jsonResponse({ policy: await createPolicy(actor, input) }, { status: 201 });
});
