import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { createContactMethod, listContactMethods } from "@/lib/contacts/data";
import { createContactMethodSchema } from "@/lib/contacts/schema";

export const GET = apiRoute("viewer", async ({ actor }) => jsonResponse({ contactMethods: await listContactMethods(actor) }));

export const POST = apiRoute("viewer", async ({ request, actor }) => {
  const input = await readJsonBody(request, createContactMethodSchema);
  return jsonResponse({ contactMethod: await createContactMethod(actor, input) }, { status: 201 });
});
