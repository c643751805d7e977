import { describeAlertState } from "@/lib/health/alerting";
import type { AlertRule, AlertView, ServiceTile } from "@/lib/health/types";
import type { Severity } from "@/lib/incidents/labels";
import { formatUtcDateTime } from "@/lib/time/format";

export type DeclareDefaults = {
  title: string;
  severity: Severity | null;
  serviceIds: string[];
  summary: string;
};

type TileHealth = Pick<ServiceTile, "enabled" | "status" | "alertState" | "alerts">;

const isOpenPage = (alert: Pick<AlertView, "level">) => alert.level === "page";

/** A tile offers "Declare incident" while its service is failing, degraded or down, or has an open alert (a flapping or certificate one included). */
export function isDeclarable(tile: TileHealth): boolean {
  if (!tile.enabled) return false;
  return (
    tile.status === "down" ||
    tile.status === "degraded" ||
    tile.alertState === "failing" ||
    tile.alertState === "alerting" ||
    tile.alerts.length > 0
  );
}

/**
 * The runbook's rule: a user-visible outage is SEV1, anything users see with a way through is SEV2. SEV1 only
 * when the service is down (its status, or a down or fast-burn page while it is not up); a service whose
 * checks pass is never SEV1, a page on it (a certificate days from expiry) is SEV2, and a certificate warning
 * alone is SEV3 (no user impact yet).
 */
export function severityFor(tile: TileHealth): Severity | null {
  if (tile.status === "down") return "sev1";
  const outagePage = tile.alerts.some(
    (alert) => isOpenPage(alert) && (alert.rule === "down" || alert.rule === "burn_fast"),
  );
  if (tile.status !== "up" && outagePage) return "sev1";
  if (tile.status === "degraded" || tile.alertState === "failing" || tile.alertState === "alerting")
    return "sev2";
  if (tile.alerts.length === 0) return null;
  return tile.alerts.every((alert) => alert.rule === "certificate" && alert.level === "warning")
    ? "sev3"
    : "sev2";
}

const titleLimit = 200;

function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.\s]+$/, "");
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}

const conditionOfRule: Record<AlertRule, string> = {
  down: "recovering from an outage",
  degraded: "degraded",
  flapping: "flapping",
  certificate: "certificate",
  burn_fast: "burning its error budget",
  burn_slow: "burning its error budget",
};

/** An alert's reason without its level word ("paging: …", "warning: …"): the title says what it is. */
function alertReason(alert: AlertView): string {
  return withoutFinalStop(alert.reason.replace(/^(paging|page|warning):\s*/i, ""));
}

/** The alert a declaration is about when the checks pass: pages first (the tile lists them first). */
function leadingAlert(tile: ServiceTile): AlertView | null {
  return tile.alerts.find(isOpenPage) ?? tile.alerts[0] ?? null;
}

/**
 * What is wrong, in words: the failing reason while the service is not up; on a passing service the open
 * alert's reason, and for flapping the last failure's, never the "all checks passed" of the newest check.
 */
function conditionAndReason(tile: ServiceTile): {
  condition: string;
  reason: string;
  alert: AlertView | null;
} {
  const alert = leadingAlert(tile);
  if (tile.status !== "up" || !alert) {
    const condition =
      tile.status === "down" || tile.status === "degraded" ? tile.status : "failing";
    const reason = tile.status === "up" ? tile.lastFailure?.reason : tile.reason;
    return { condition, reason: reason ? withoutFinalStop(reason) : "", alert: null };
  }
  const lastFailure = tile.lastFailure ? withoutFinalStop(tile.lastFailure.reason) : "";
  if (alert.rule === "flapping" || alert.rule === "down")
    return {
      condition: conditionOfRule[alert.rule],
      reason: lastFailure || alertReason(alert),
      alert,
    };
  return { condition: conditionOfRule[alert.rule], reason: alertReason(alert), alert };
}

const alertWords = (alert: AlertView) =>
  `${alert.level === "page" ? "page" : "warning"} since ${formatUtcDateTime(alert.startedAt)}: ${alertReason(alert)}`;

function alertsSentence(tile: ServiceTile, told: AlertView | null): string {
  const others = tile.alerts.filter((alert) => alert !== told);
  if (others.length === 0) return "";
  return `${told ? "Also open" : "Open alerts"}: ${others.map(alertWords).join("; ")}.`;
}

/** The declare form pre-filled from a failing service: "Absorb down: connection refused", SEV1, its reason and since when. */
export function declareDefaultsFromTile(tile: ServiceTile): DeclareDefaults {
  if (!isDeclarable(tile)) return { title: "", severity: null, serviceIds: [tile.id], summary: "" };
  const { condition, reason, alert } = conditionAndReason(tile);
  const title = clip(
    reason ? `${tile.name} ${condition}: ${reason}` : `${tile.name} ${condition}`,
    titleLimit,
  );
  const opening = alert
    ? `${tile.name} is passing its checks but has an open ${alertWords(alert)}${
        tile.lastFailure
          ? `; last failed check ${formatUtcDateTime(tile.lastFailure.at)}: ${withoutFinalStop(tile.lastFailure.reason)}`
          : ""
      }.`
    : `${tile.name} has been ${condition}${tile.statusSince ? ` since ${formatUtcDateTime(tile.statusSince)}` : ""}${reason ? `: ${reason}` : ""}.`;
  const summary = [
    opening,
    tile.alertState === "ok"
      ? ""
      : `Monitoring: ${describeAlertState({ ...tile, flapping: false })} (since ${formatUtcDateTime(tile.stateSince)}).`,
    alertsSentence(tile, alert),
  ]
    .filter(Boolean)
    .join(" ");
  return { title, severity: severityFor(tile), serviceIds: [tile.id], summary };
}
