import type { ServiceTile } from "@/lib/health/types";

// No zod here: the overview, a client component, imports this rule.

/** PAGING on the overview: an enabled service with an open page-level alert and no maintenance window over it. */
export function isPagingTile(
  tile: Pick<ServiceTile, "enabled" | "maintenanceUntil" | "alerts">,
): boolean {
  return (
    tile.enabled && !tile.maintenanceUntil && tile.alerts.some((alert) => alert.level === "page")
  );
}
