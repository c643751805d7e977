import { z } from "zod";
import { apiRoute, jsonResponse, readJsonBody } from "@/lib/api/http";
import { deleteService, getServiceDetail, updateService } from "@/lib/health/data";
import { notFoundError } from "@/lib/errors";

export const GET = apiRoute<{ id: string }>("viewer", async ({ params }) => {
  const detail = await getServiceDetail(params.id);
  if (!detail) throw notFoundError("The service");
  return jsonResponse(detail);
});

export const PATCH = apiRoute<{ id: string }>("lead", async ({ request, actor, params }) => {
  const body = await readJsonBody(request, z.record(z.string(), z.unknown()));
  return jsonResponse({ service: await updateService(actor, params.id, body) });
});

export const DELETE = apiRoute<{ id: string }>("lead", async ({ actor, params }) => {
  await deleteService(actor, params.id);
  return jsonResponse({ deleted: true });
});
