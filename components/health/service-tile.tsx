import Link from "next/link";
import { DeployingNow } from "@/components/deploys/deploying-now";
import { CheckedAgo } from "@/components/health/checked-ago";
import { figureEntries, formatMs, formatUptime, statusEdge, versionLabel } from "@/components/health/format";
import { Sparkline } from "@/components/health/sparkline";
import { AlertBadges, LatencyVsSlo, StatusBadge, alertTextClasses, alertWords } from "@/components/health/status-bits";
import type { ServiceTile } from "@/lib/health/schema";
import { isDeclarable } from "@/lib/incidents/declare-defaults";

function reasonText(tile: ServiceTile): string {
  if (!tile.enabled) return "Checks are paused while the service is disabled.";
  return tile.reason ?? (tile.status === "unknown" ? "Waiting for the first check." : "No reason recorded.");
}

export function ServiceTileCard({ tile, serverNowIso, canDeclare = false }: { tile: ServiceTile; serverNowIso: string; canDeclare?: boolean }) {
  const ids = { status: `tile-${tile.id}-status`, reason: `tile-${tile.id}-reason`, alert: `tile-${tile.id}-alert` };
  const figures = figureEntries(tile.figures);
  const edge = tile.enabled ? statusEdge[tile.status] : "border-l-line";
  return (
    <article
      data-testid="service-tile"
      data-service-name={tile.name}
      data-status={tile.enabled ? tile.status : "disabled"}
      data-alert-state={tile.alertState}
      className={`relative flex h-full flex-col gap-1.5 rounded-lg border border-l-4 border-line ${edge} bg-surface p-3 hover:bg-surface-2 has-[a:focus-visible]:outline-2 has-[a:focus-visible]:outline-offset-2 has-[a:focus-visible]:outline-accent ${
        tile.enabled ? "" : "opacity-60"
      }`}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="min-w-0 break-words text-sm font-semibold leading-5">
          <Link
            href={`/services/${tile.id}`}
            aria-describedby={`${ids.status} ${ids.reason} ${ids.alert}`}
            className="outline-none after:absolute after:inset-0 after:content-['']"
          >
            {tile.name}
          </Link>
        </h3>
        <div className="flex shrink-0 flex-wrap justify-end gap-1">
          <AlertBadges alertState={tile.alertState} flapping={tile.flapping} enabled={tile.enabled} />
          <StatusBadge status={tile.status} enabled={tile.enabled} id={ids.status} data-testid="tile-status" />
        </div>
      </div>

      <p data-testid="tile-reason" id={ids.reason} title={reasonText(tile)} className="line-clamp-2 break-words text-xs leading-4">
        {reasonText(tile)}
      </p>
      {tile.deploying ? <DeployingNow deploying={tile.deploying} className="text-xs leading-4" /> : null}
      <div className="flex items-start justify-between gap-2">
        <p data-testid="tile-alert" id={ids.alert} className={`text-xs leading-4 ${tile.enabled ? alertTextClasses[tile.alertState] : "text-muted"}`}>
          {tile.enabled ? alertWords(tile) : "Not alerting while disabled"}
        </p>
        {canDeclare && isDeclarable(tile) ? (
          <Link
            href={`/incidents/new?service=${tile.id}`}
            data-testid="tile-declare"
            aria-label={`Declare incident for ${tile.name}`}
            className="relative z-10 shrink-0 rounded border border-down/60 bg-surface px-1.5 py-px text-xs font-semibold leading-4 text-down hover:bg-down-bg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            Declare incident
          </Link>
        ) : null}
      </div>

      <div className="flex items-end justify-between gap-2 text-xs">
        <div className="flex min-w-0 flex-col gap-0.5">
          <span className="tabular-nums">
            <span className="text-muted">last</span> {formatMs(tile.lastLatencyMs)}
          </span>
          <LatencyVsSlo label="p95" ms={tile.p95LastHourMs} sloMs={tile.latencySloMs} />
        </div>
        <Sparkline values={tile.sparkline} sloMs={tile.latencySloMs} />
      </div>

      <dl className="grid grid-cols-3 gap-x-2 text-xs tabular-nums">
        {(
          [
            ["24 h", tile.uptime.day],
            ["7 d", tile.uptime.week],
            ["30 d", tile.uptime.month],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="flex gap-1">
            <dt className="text-muted">{label}</dt>
            <dd>{formatUptime(value)}</dd>
          </div>
        ))}
      </dl>

      {figures.length > 0 ? (
        <dl className="flex flex-wrap gap-x-2.5 gap-y-0.5 text-xs">
          {figures.map(([key, value]) => (
            <div key={key} className="flex min-w-0 gap-1">
              <dt className="text-muted">{key}</dt>
              <dd className="max-w-40 truncate font-medium tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}

      <div className="mt-auto flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5 border-t border-line pt-1.5 text-xs text-muted">
        <span className="min-w-0 truncate">
          {tile.environment}
          {tile.version ? <span className="ml-1.5">{versionLabel(tile.version)}</span> : null}
        </span>
        <CheckedAgo iso={tile.lastCheckedAt} intervalSeconds={tile.intervalSeconds} serverNowIso={serverNowIso} enabled={tile.enabled} />
      </div>
    </article>
  );
}
