import { db } from "@/lib/db";
import { watchedFigures, type FigureBaselines } from "@/lib/health/baseline-rules";
import type { FigureBaseline, KeyFigures } from "@/lib/health/schema";

/** Each service's figure baselines as the checks compare with them (all services, or one). */
export async function loadFigureBaselines(serviceId?: string): Promise<Map<string, FigureBaselines>> {
  const rows = await db.serviceBaseline.findMany({ where: serviceId ? { serviceId } : {} });
  const byService = new Map<string, FigureBaselines>();
  for (const row of rows) {
    const baselines = byService.get(row.serviceId) ?? {};
    baselines[row.figure] = { figure: row.figure, value: row.value, source: row.source, setAt: row.setAt.toISOString() };
    byService.set(row.serviceId, baselines);
  }
  return byService;
}

/**
 * A green deploy sets the watched figures' baselines to what its smoke check saw: from then on a drop is
 * measured against the release that was known good, whatever the running maximum said before.
 */
export async function recordDeployBaselines(serviceId: string, figures: KeyFigures, at: Date): Promise<FigureBaseline[]> {
  const service = await db.service.findUnique({ where: { id: serviceId }, select: { profile: true } });
  if (!service) return [];
  const recorded: FigureBaseline[] = [];
  for (const figure of watchedFigures[service.profile]) {
    const value = figures[figure];
    if (typeof value !== "number" || !Number.isFinite(value)) continue;
    const data = { value, source: "deploy" as const, setAt: at, acceptedById: null, acceptedByLabel: null, reason: null };
    await db.serviceBaseline.upsert({ where: { serviceId_figure: { serviceId, figure } }, create: { serviceId, figure, ...data }, update: data });
    recorded.push({ figure, value, source: "deploy", setAt: at.toISOString() });
  }
  return recorded;
}
