import { checkSelfHealth } from "@/lib/health/self";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkSelfHealth();
  return Response.json(health, {
    status: health.db === "up" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
