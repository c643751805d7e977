import { handlerOf, jsonResponse } from "@/lib/api/http";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { accountOperations } from "@/lib/api/operations/account";

export const GET = handlerOf(accountOperations.getOpenApiDocument, async () =>
  jsonResponse(buildOpenApiDocument()),
);
