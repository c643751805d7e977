import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { createContactMethod, listContactMethods } from "@/lib/contacts/data";
import { createContactMethodSchema } from "@/lib/contacts/schema";

/** Someone else's contact methods, for admins (a person reads their own at /api/v1/me/contact-methods). */
export const GET = apiRoute<{ id: string }>("admin", async ({ actor, params }) => jsonResponse({ contactMethods: await listContactMethods(actor, params.id) }));

export const POST = apiRoute<{ id: string }>("admin", async ({ request, actor, params }) => {
  const input = await readJsonBody(request, createContactMethodSchema);
  return jsonResponse({ contactMethod: await createContactMethod(actor, input, params.id) }, { status: 201 });
});
