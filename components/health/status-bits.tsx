import {
  formatMs,
  latencyVerdict,
  latencyVerdictClasses,
  statusTones,
  statusWords,
  type TileStatus,
} from "@/components/health/format";
import { Badge } from "@/components/ui/badge";
import { describeAlertState } from "@/lib/health/alerting";
import type { AlertRule, AlertState, AlertView, ServiceTile } from "@/lib/health/types";

const statusDots: Record<TileStatus, string> = {
  up: "bg-up",
  degraded: "bg-degraded",
  down: "bg-down",
  unknown: "bg-muted",
};

export function StatusBadge({
  status,
  enabled = true,
  className = "",
  ...props
}: {
  status: TileStatus;
  enabled?: boolean;
  className?: string;
  id?: string;
  "data-testid"?: string;
}) {
  if (!enabled) {
    return (
      <Badge tone="neutral" className={className} {...props}>
        Disabled
      </Badge>
    );
  }
  return (
    <Badge tone={statusTones[status]} className={className} {...props}>
      <span
        aria-hidden="true"
        className={`mr-1 inline-block size-1.5 rounded-full ${statusDots[status]}`}
      />
      {statusWords[status]}
    </Badge>
  );
}

/** The rule beside PAGING or in a Warning's title: short, lower case ("PAGING · certificate"). */
export const alertRuleWords: Record<AlertRule, string> = {
  down: "down",
  degraded: "degraded",
  flapping: "flapping",
  certificate: "certificate",
  burn_fast: "fast burn",
  burn_slow: "slow burn",
};

export const pageAlerts = (alerts: AlertView[]) => alerts.filter((alert) => alert.level === "page");
export const warningAlerts = (alerts: AlertView[]) =>
  alerts.filter((alert) => alert.level === "warning");

/**
 * PAGING only while a page-level alert is open (with its rule when it is not the down rule), Warning while a
 * warning is open, Flapping while the outcome keeps switching: a flapping service that passes is never PAGING.
 */
export function AlertBadges({
  tile,
}: {
  tile: Pick<ServiceTile, "alerts" | "flapping" | "enabled" | "maintenanceUntil">;
}) {
  if (!tile.enabled) return null;
  // A window says someone is already on it: the maintenance badge stands in for PAGING and warnings.
  if (tile.maintenanceUntil) {
    return (
      <Badge
        tone="accent"
        data-testid="maintenance-badge"
        title={`In a maintenance window until ${tile.maintenanceUntil}: checks run, nothing pages or warns`}
      >
        Maintenance
      </Badge>
    );
  }
  const pages = pageAlerts(tile.alerts);
  const warnings = warningAlerts(tile.alerts).filter(
    (alert) => alert.rule !== "flapping" || !tile.flapping,
  );
  const pageRules = pages
    .filter((alert) => alert.rule !== "down")
    .map((alert) => alertRuleWords[alert.rule]);
  return (
    <>
      {pages.length > 0 ? (
        <span
          data-testid="paging-badge"
          title={pages.map((alert) => alert.reason).join("\n")}
          className="inline-flex items-center rounded border border-down bg-down px-1.5 py-px text-xs leading-4 font-bold tracking-wide text-bg"
        >
          PAGING
          {pageRules.length > 0 ? (
            <span className="font-semibold tracking-normal">{` · ${pageRules.join(", ")}`}</span>
          ) : null}
        </span>
      ) : null}
      {warnings.length > 0 ? (
        <Badge
          tone="degraded"
          data-testid="tile-warning-badge"
          title={warnings.map((alert) => alert.reason).join("\n")}
        >
          Warning
          {warnings.length === 1 && warnings[0]
            ? ` · ${alertRuleWords[warnings[0].rule]}`
            : ` · ${warnings.length}`}
        </Badge>
      ) : null}
      {tile.flapping ? (
        <Badge
          tone="degraded"
          data-testid="flapping-badge"
          title={tile.alerts.find((alert) => alert.rule === "flapping")?.reason}
        >
          Flapping
        </Badge>
      ) : null}
    </>
  );
}

export const alertTextClasses: Record<AlertState, string> = {
  ok: "text-muted",
  failing: "text-degraded",
  alerting: "font-semibold text-down",
  recovering: "text-degraded",
};

/** "p95 1.2 s · SLO 3 s", or "p95 4.1 s over SLO 3 s" in amber (red past twice the SLO). */
export function LatencyVsSlo({
  label,
  ms,
  sloMs,
}: {
  label: string;
  ms: number | null;
  sloMs: number;
}) {
  const verdict = latencyVerdict(ms, sloMs);
  const over = verdict === "over" || verdict === "far-over";
  return (
    <span className="tabular-nums">
      <span className={latencyVerdictClasses[verdict]}>
        {label ? `${label} ` : null}
        {formatMs(ms)}
      </span>
      <span className={over ? latencyVerdictClasses[verdict] : "text-muted"}>
        {over ? " over " : " · "}
      </span>
      <span className="text-muted">SLO {formatMs(sloMs)}</span>
    </span>
  );
}

/**
 * The down rule's counters in words ("1 of 2 checks failed"); with the counters at rest, the first open
 * alert's reason (pages first), then flapping; "OK" only when nothing is open, and never before a result.
 */
export function alertWords(
  tile: ServiceTile,
  { certificateApart = false }: { certificateApart?: boolean } = {},
): string {
  if (tile.maintenanceUntil) return "In maintenance: nothing pages or warns";
  // Counted failures without a page (while flapping) are not "Alerting": the PAGING badge says when it is.
  if (tile.alertState === "alerting" && !tile.alerts.some((alert) => alert.rule === "down"))
    return `${tile.consecutiveFailures} consecutive checks failed`;
  if (tile.alertState !== "ok") return describeAlertState({ ...tile, flapping: false });
  // A certificate alert has a line of its own where the certificate is shown.
  const first = tile.alerts.find((alert) => !certificateApart || alert.rule !== "certificate");
  if (first) return capitalise(first.reason);
  if (tile.flapping) return describeAlertState(tile);
  // Only a certificate alert is open, and it has its own line: the checks themselves are fine.
  if (tile.alerts.length > 0 && tile.status === "up") return "Checks passing";
  if (tile.status === "unknown")
    return tile.lastCheckedAt === null ? "No checks yet" : "No recent result";
  return "OK";
}

/** The alert line's colour: the counters' own, or that of the open alert it shows. */
export function alertLineClasses(
  tile: ServiceTile,
  { certificateApart = false }: { certificateApart?: boolean } = {},
): string {
  if (tile.maintenanceUntil) return "text-muted";
  const shown = tile.alerts.filter((alert) => !certificateApart || alert.rule !== "certificate");
  if (shown.some((alert) => alert.level === "page")) return alertTextClasses.alerting;
  if (tile.alertState === "failing" || tile.alertState === "recovering")
    return alertTextClasses[tile.alertState];
  return tile.alertState !== "ok" || shown.length > 0 || tile.flapping
    ? "text-degraded"
    : alertTextClasses.ok;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
