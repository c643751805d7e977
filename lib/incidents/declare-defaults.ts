import { describeAlertState } from "@/lib/health/alerting";
import type { ServiceTile } from "@/lib/health/schema";
import type { Severity } from "@/lib/incidents/schema";

export type DeclareDefaults = { title: string; severity: Severity | null; serviceIds: string[]; summary: string };

type TileHealth = Pick<ServiceTile, "enabled" | "status" | "alertState">;

/** A tile offers "Declare incident" while its service is failing, paging, degraded or down. */
export function isDeclarable(tile: TileHealth): boolean {
  if (!tile.enabled) return false;
  return tile.status === "down" || tile.status === "degraded" || tile.alertState === "failing" || tile.alertState === "alerting";
}

/** The runbook's rule: user-visible outage (down, paging) is SEV1, degraded is SEV2. */
export function severityFor(tile: TileHealth): Severity | null {
  if (tile.status === "down" || tile.alertState === "alerting") return "sev1";
  if (tile.status === "degraded" || tile.alertState === "failing") return "sev2";
  return null;
}

const titleLimit = 200;

/** "2026-11-28 14:05 UTC", as the dashboard shows times. */
function utcMinute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.\s]+$/, "");
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

/** The declare form pre-filled from a failing service: "Absorb down: connection refused", SEV1, its reason and since when. */
export function declareDefaultsFromTile(tile: ServiceTile): DeclareDefaults {
  if (!isDeclarable(tile)) return { title: "", severity: null, serviceIds: [tile.id], summary: "" };
  const condition = tile.status === "degraded" ? "degraded" : tile.status === "down" ? "down" : "failing";
  const reason = tile.reason ? withoutFinalStop(tile.reason) : "";
  const title = clip(reason ? `${tile.name} ${condition}: ${reason}` : `${tile.name} ${condition}`, titleLimit);
  const since = tile.statusSince ? ` since ${utcMinute(tile.statusSince)}` : "";
  const summary = [
    `${tile.name} has been ${condition}${since}${reason ? `: ${reason}` : ""}.`,
    tile.alertState === "ok" ? "" : `Monitoring: ${describeAlertState(tile)} (since ${utcMinute(tile.stateSince)}).`,
  ]
    .filter(Boolean)
    .join(" ");
  return { title, severity: severityFor(tile), serviceIds: [tile.id], summary };
}
