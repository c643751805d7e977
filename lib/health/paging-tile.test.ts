import { describe, expect, it } from "vitest";
import { isPagingTile } from "@/lib/health/paging-tile";
import type { AlertView } from "@/lib/health/types";

const pageAlert = { level: "page", rule: "down" } as AlertView;
const warning = { level: "warning", rule: "degraded" } as AlertView;

describe("isPagingTile: what the overview counts and banners as PAGING", () => {
  it("is an enabled service with an open page-level alert", () => {
    expect(isPagingTile({ enabled: true, maintenanceUntil: null, alerts: [pageAlert] })).toBe(true);
  });
  it("is not a service with warnings only, a disabled one, or one a maintenance window covers", () => {
    expect(isPagingTile({ enabled: true, maintenanceUntil: null, alerts: [warning] })).toBe(false);
    expect(isPagingTile({ enabled: false, maintenanceUntil: null, alerts: [pageAlert] })).toBe(
      false,
    );
    expect(
      isPagingTile({
        enabled: true,
        maintenanceUntil: "2026-12-07T20:46:00.000Z",
        alerts: [pageAlert],
      }),
    ).toBe(false);
  });
});
