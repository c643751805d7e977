import { apiRoute, jsonResponse } from "@/lib/api/http";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const GET = apiRoute("viewer", async () => jsonResponse(buildOpenApiDocument()));
