import { apiRoute, jsonResponse } from "@/lib/api/http";

export const GET = apiRoute("viewer", async ({ actor }) => jsonResponse({ user: actor }));
