import { db } from "@/lib/db";
import type { FigureBaselines } from "@/lib/health/baseline-rules";

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
