import { handlerOf, jsonResponse } from "@/lib/api/http";
import { healthOperations } from "@/lib/api/operations/health";
import { deleteService, updateService } from "@/lib/services/mutations";
import { getServiceDetail } from "@/lib/health/data";
import { notFoundError } from "@/lib/errors";

export const GET = handlerOf(healthOperations.getService, async ({ params }) => {
  const detail = await getServiceDetail(params.id);
  if (!detail) throw notFoundError("The service");
  return jsonResponse(detail);
});

export const PATCH = handlerOf(healthOperations.updateService, async ({ actor, params, body }) =>
  jsonResponse({ service: await updateService(actor, params.id, body) }),
);

export const DELETE = handlerOf(healthOperations.deleteService, async ({ actor, params }) => {
  await deleteService(actor, params.id);
  return jsonResponse({ deleted: true });
});
