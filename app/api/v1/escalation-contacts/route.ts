import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { listEscalationContacts } from "@/lib/handoffs/data";
import { createEscalationContact } from "@/lib/handoffs/mutations";

export const GET = apiRoute("viewer", async () => jsonResponse({ contacts: await listEscalationContacts() }));

/** A new contact goes to the end of the list unless `position` is sent. */
export const POST = apiRoute("admin", async ({ request, actor }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse({ contact: await createEscalationContact(actor, body) }, { status: 201 });
});
