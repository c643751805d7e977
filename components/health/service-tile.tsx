"use client";

import Link from "next/link";
import { DeployingNow } from "@/components/deploys/deploying-now";
import { CheckedAgo } from "@/components/health/checked-ago";
import {
  budgetWords,
  figureEntries,
  formatMs,
  formatSlo,
  formatUptime,
  nextCheckWords,
  oldFiguresAt,
  seenAtWords,
  statusEdge,
  statusForWords,
  uptimeEntries,
  versionLabel,
} from "@/components/health/format";
import { Sparkline } from "@/components/health/sparkline";
import {
  AlertBadges,
  LatencyVsSlo,
  StatusBadge,
  alertLineClasses,
  alertWords,
} from "@/components/health/status-bits";
import { useNow } from "@/components/health/use-now";
import { humanDuration } from "@/lib/time/duration";
import { describeCertificate } from "@/lib/health/alerting";
import type { ServiceTile } from "@/lib/health/types";
import { isDeclarable } from "@/lib/incidents/declare-defaults";

function reasonText(tile: ServiceTile): string {
  if (!tile.enabled) return "Checks are paused while the service is disabled.";
  return (
    tile.reason ??
    (tile.status === "unknown" ? "Waiting for the first check." : "No reason recorded.")
  );
}

const certificateClasses: Record<NonNullable<ServiceTile["certificate"]>["level"], string> = {
  ok: "",
  warning: "font-semibold text-degraded",
  page: "font-semibold text-down",
};

export function ServiceTileCard({
  tile,
  serverNowIso,
  canDeclare = false,
}: {
  tile: ServiceTile;
  serverNowIso: string;
  canDeclare?: boolean;
}) {
  const now = useNow(serverNowIso);
  const ids = {
    status: `tile-${tile.id}-status`,
    reason: `tile-${tile.id}-reason`,
    alert: `tile-${tile.id}-alert`,
  };
  const figures = figureEntries(tile.figures);
  const edge = tile.enabled ? statusEdge[tile.status] : "border-l-line";
  const statusFor = tile.enabled ? statusForWords(tile.status, tile.statusSince, now) : null;
  // The next scheduled check matters while the counters are moving: it is the one that can page or clear.
  const nextCheck =
    tile.enabled && tile.alertState !== "ok" ? nextCheckWords(tile.nextCheckAt, now) : null;
  const oldFigures = oldFiguresAt(tile);
  const certificate =
    tile.enabled && tile.certificate && tile.certificate.level !== "ok" ? tile.certificate : null;
  const budget = tile.enabled ? budgetWords(tile.availability.budgetRemaining) : null;
  const budgetSpent = (tile.availability.budgetRemaining ?? 1) <= 0;
  const alertText = tile.enabled
    ? alertWords(tile, { certificateApart: certificate !== null })
    : "Not alerting while disabled";
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
        <h3 className="min-w-0 text-sm leading-5 font-semibold break-words">
          <Link
            href={`/services/${tile.id}`}
            aria-describedby={`${ids.status} ${ids.reason} ${ids.alert}`}
            className="outline-none after:absolute after:inset-0 after:content-['']"
          >
            {tile.name}
          </Link>
        </h3>
        <div className="flex shrink-0 flex-wrap justify-end gap-1">
          <AlertBadges tile={tile} />
          <StatusBadge
            status={tile.status}
            enabled={tile.enabled}
            id={ids.status}
            data-testid="tile-status"
          />
        </div>
      </div>

      <p
        data-testid="tile-reason"
        id={ids.reason}
        title={reasonText(tile)}
        className="line-clamp-2 text-xs leading-4 break-words"
      >
        {statusFor ? (
          <span data-testid="tile-status-for" className="font-semibold">
            {statusFor.charAt(0).toUpperCase() + statusFor.slice(1)}:{" "}
          </span>
        ) : null}
        {reasonText(tile)}
      </p>
      {tile.deploying ? (
        <DeployingNow deploying={tile.deploying} className="text-xs leading-4" />
      ) : null}
      {tile.maintenanceUntil ? (
        <p data-testid="tile-maintenance" className="text-xs leading-4 font-semibold text-accent">
          In maintenance until {seenAtWords(tile.maintenanceUntil, now)}
        </p>
      ) : null}
      <div className="flex items-start justify-between gap-2">
        <p
          data-testid="tile-alert"
          id={ids.alert}
          title={alertText}
          className={`line-clamp-3 text-xs leading-4 break-words ${tile.enabled ? alertLineClasses(tile, { certificateApart: certificate !== null }) : "text-muted"}`}
        >
          {alertText}
          {nextCheck ? (
            <span data-testid="tile-next-check" className="font-normal text-muted">
              ; {nextCheck}
            </span>
          ) : null}
        </p>
        {canDeclare && isDeclarable(tile) ? (
          <Link
            href={`/incidents/new?service=${tile.id}`}
            data-testid="tile-declare"
            aria-label={`Declare incident for ${tile.name}`}
            className="relative z-10 shrink-0 rounded border border-down/60 bg-surface px-1.5 py-px text-xs leading-4 font-semibold text-down hover:bg-down-bg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            Declare incident
          </Link>
        ) : null}
      </div>
      {certificate ? (
        <p
          data-testid="tile-certificate"
          data-level={certificate.level}
          className={`text-xs leading-4 ${certificateClasses[certificate.level]}`}
        >
          {describeCertificate(new Date(certificate.expiresAt), new Date(now))}
        </p>
      ) : null}

      <div className="flex items-end justify-between gap-2 text-xs">
        <div className="flex min-w-0 flex-col gap-0.5">
          <span className="tabular-nums">
            <span className="text-muted">last</span> {formatMs(tile.lastLatencyMs)}
            <span className="text-muted"> · p95 1 h</span> {formatMs(tile.p95LastHourMs)}
          </span>
          <LatencyVsSlo
            label={`p95 ${humanDuration(tile.latencyWindow.seconds * 1_000)}`}
            ms={tile.latencyWindow.p95Ms}
            sloMs={tile.latencySloMs}
          />
        </div>
        <Sparkline values={tile.sparkline} sloMs={tile.latencySloMs} />
      </div>

      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 text-xs tabular-nums">
        <dl className="flex flex-wrap gap-x-3 gap-y-0.5">
          {uptimeEntries(tile, now).map((entry) => (
            <div
              key={entry.label}
              className="flex gap-1"
              data-testid={entry.coverage ? "tile-uptime-coverage" : undefined}
            >
              <dt className="text-muted">{entry.coverage ? `${entry.label}:` : entry.label}</dt>
              <dd>
                {formatUptime(entry.ratio)}
                {entry.coverage ? <span className="text-muted"> {entry.coverage}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
        {budget ? (
          <span
            data-testid="tile-budget"
            title={`Error budget of the ${formatSlo(tile.availability.target)} availability SLO over ${tile.availability.windowDays} d`}
            className={budgetSpent ? "font-semibold text-down" : "text-muted"}
          >
            {budget}
          </span>
        ) : null}
      </div>

      {figures.length > 0 || (oldFigures && tile.version) ? (
        <div className="flex flex-wrap items-baseline gap-x-2.5 gap-y-0.5 text-xs">
          {oldFigures ? (
            <span data-testid="tile-figures-age" className="font-medium text-degraded">
              last seen {seenAtWords(oldFigures, now)}:
            </span>
          ) : null}
          <dl className={`contents ${oldFigures ? "[&_dd]:text-muted" : ""}`}>
            {oldFigures && tile.version ? (
              <div className="flex min-w-0 gap-1">
                <dt className="text-muted">version</dt>
                <dd className="max-w-40 truncate font-medium">{versionLabel(tile.version)}</dd>
              </div>
            ) : null}
            {figures.map(([key, value]) => (
              <div key={key} className="flex min-w-0 gap-1">
                <dt className="text-muted">{key}</dt>
                <dd className="max-w-40 truncate font-medium tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}

      <div className="mt-auto flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5 border-t border-line pt-1.5 text-xs text-muted">
        <span className="min-w-0 truncate">
          {tile.environment}
          {tile.version && !oldFigures ? (
            <span className="ml-1.5">{versionLabel(tile.version)}</span>
          ) : null}
        </span>
        <CheckedAgo
          iso={tile.lastCheckedAt}
          intervalSeconds={tile.intervalSeconds}
          serverNowIso={serverNowIso}
          enabled={tile.enabled}
        />
      </div>
    </article>
  );
}
