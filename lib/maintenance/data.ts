import { db, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maintenanceUntil, type WindowTimes } from "@/lib/maintenance/windows";

type Client = Db | Prisma.TransactionClient;

/** Services a maintenance window covers at `at`, each with the end of its covering occurrence. */
export async function servicesInMaintenance(at: Date, client: Client = db, serviceIds?: string[]): Promise<Map<string, Date>> {
  const rows = await client.maintenanceWindowService.findMany({
    where: {
      ...(serviceIds ? { serviceId: { in: serviceIds } } : {}),
      window: {
        startsAt: { lte: at },
        OR: [{ recurrence: "weekly", OR: [{ cancelledAt: null }, { cancelledAt: { gt: at } }] }, { recurrence: "none", endsAt: { gt: at } }],
      },
    },
    select: { serviceId: true, window: { select: { startsAt: true, endsAt: true, recurrence: true, endedAt: true, cancelledAt: true } } },
  });
  const byService = new Map<string, WindowTimes[]>();
  for (const row of rows) byService.set(row.serviceId, [...(byService.get(row.serviceId) ?? []), row.window]);
  const covered = new Map<string, Date>();
  for (const [serviceId, windows] of byService) {
    const until = maintenanceUntil(windows, at);
    if (until) covered.set(serviceId, until);
  }
  return covered;
}
