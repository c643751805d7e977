import { formatMs, latencyVerdict, latencyVerdictClasses, statusTones, statusWords, type TileStatus } from "@/components/health/format";
import { Badge } from "@/components/ui/badge";
import { describeAlertState } from "@/lib/health/alerting";
import type { AlertState, ServiceTile } from "@/lib/health/schema";

const statusDots: Record<TileStatus, string> = { up: "bg-up", degraded: "bg-degraded", down: "bg-down", unknown: "bg-muted" };

export function StatusBadge({ status, enabled = true, className = "", ...props }: { status: TileStatus; enabled?: boolean; className?: string; id?: string; "data-testid"?: string }) {
  if (!enabled) {
    return (
      <Badge tone="neutral" className={className} {...props}>
        Disabled
      </Badge>
    );
  }
  return (
    <Badge tone={statusTones[status]} className={className} {...props}>
      <span aria-hidden="true" className={`mr-1 inline-block size-1.5 rounded-full ${statusDots[status]}`} />
      {statusWords[status]}
    </Badge>
  );
}

/** PAGING while the alert is raised, Flapping while the outcome keeps switching. */
export function AlertBadges({ alertState, flapping, enabled = true }: { alertState: AlertState; flapping: boolean; enabled?: boolean }) {
  if (!enabled) return null;
  return (
    <>
      {alertState === "alerting" ? (
        <span
          data-testid="paging-badge"
          className="inline-flex items-center rounded border border-down bg-down px-1.5 py-px text-xs font-bold leading-4 tracking-wide text-bg"
        >
          PAGING
        </span>
      ) : null}
      {flapping ? (
        <Badge tone="degraded" data-testid="flapping-badge">
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
export function LatencyVsSlo({ label, ms, sloMs }: { label: string; ms: number | null; sloMs: number }) {
  const verdict = latencyVerdict(ms, sloMs);
  const over = verdict === "over" || verdict === "far-over";
  return (
    <span className="tabular-nums">
      <span className={latencyVerdictClasses[verdict]}>
        {label ? `${label} ` : null}
        {formatMs(ms)}
      </span>
      <span className={over ? latencyVerdictClasses[verdict] : "text-muted"}>{over ? " over " : " · "}</span>
      <span className="text-muted">SLO {formatMs(sloMs)}</span>
    </span>
  );
}

/** describeAlertState's words, except before the first result, where "OK" would claim more than is known. */
export function alertWords(tile: ServiceTile): string {
  if (tile.status === "unknown" && tile.alertState === "ok") return tile.lastCheckedAt === null ? "No checks yet" : "No recent result";
  return describeAlertState(tile);
}
