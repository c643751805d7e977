import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody, readQuery } from "@/lib/api/http";
import { createdOrReplayed, withIdempotencyKey } from "@/lib/api/idempotency";
import { listTimeline } from "@/lib/incidents/data";
import { appendTimelineEntry } from "@/lib/incidents/mutations";
import { timelineQuerySchema } from "@/lib/incidents/schema";

export const GET = apiRoute<{ id: string }>("viewer", async ({ request, params }) => {
  const query = readQuery(request, timelineQuerySchema);
  return jsonResponse(await listTimeline(params.id, query));
});

export const POST = apiRoute<{ id: string }>("responder", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  const { entry, created } = await appendTimelineEntry(actor, params.id, withIdempotencyKey(request, body));
  return jsonResponse({ entry }, { status: createdOrReplayed(created) });
});
