"use client";

import Link from "next/link";
import { Fragment } from "react";
import { RefreshError } from "@/components/health/refresh-error";
import { ServiceTileCard } from "@/components/health/service-tile";
import { useStatusSummary } from "@/components/health/use-status-summary";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { isPagingTile } from "@/lib/health/paging-tile";
import type { ServiceTile, StatusFilter, StatusSummary } from "@/lib/health/types";

function overviewHref(filter: StatusFilter): string {
  const params = new URLSearchParams();
  if (filter.environment) params.set("environment", filter.environment);
  if (filter.tag) params.set("tag", filter.tag);
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

function FilterLinks({
  label,
  values,
  current,
  hrefFor,
}: {
  label: string;
  values: string[];
  current: string | undefined;
  hrefFor: (value: string | undefined) => string;
}) {
  const options = current && !values.includes(current) ? [...values, current] : values;
  if (options.length === 0) return null;
  const chip = (active: boolean) =>
    `rounded border px-1.5 py-px text-xs ${active ? "border-accent bg-accent-soft font-semibold text-text" : "border-line text-muted hover:bg-surface-2 hover:text-text"}`;
  return (
    <div className="flex flex-wrap items-center gap-1">
      <span className="mr-0.5 text-xs font-medium text-muted">{label}</span>
      <Link
        href={hrefFor(undefined)}
        aria-current={current === undefined ? "true" : undefined}
        className={chip(current === undefined)}
      >
        All
      </Link>
      {options.map((value) => (
        <Link
          key={value}
          href={hrefFor(value)}
          aria-current={current === value ? "true" : undefined}
          className={chip(current === value)}
        >
          {value}
        </Link>
      ))}
    </div>
  );
}

function ServiceNames({ tiles }: { tiles: ServiceTile[] }) {
  return (
    <>
      {tiles.map((tile, index) => (
        <Fragment key={tile.id}>
          {index > 0 ? ", " : null}
          <Link href={`/services/${tile.id}`} className="underline underline-offset-2">
            {tile.name}
          </Link>
        </Fragment>
      ))}
    </>
  );
}

function MonitorProblems({ monitor }: { monitor: StatusSummary["monitor"] }) {
  const share = Math.round(monitor.failingShare * 100);
  return (
    <>
      {monitor.fleetFailing ? (
        <p className="font-semibold">
          Monitoring itself is degraded:{" "}
          {monitor.reason?.replace(/\.$/, "") ??
            `${share}% of enabled services are down at once; check Vigil's own network and DNS first`}
          .
          {monitor.since ? (
            <span className="font-normal">
              {" "}
              Since <Time iso={monitor.since} />.
            </span>
          ) : null}
        </p>
      ) : null}
      {monitor.unstored ? (
        <p data-testid="unstored-banner" className="font-semibold">
          Monitoring is degraded: {monitor.unstored.count} check{" "}
          {monitor.unstored.count === 1 ? "result" : "results"} could not be stored since{" "}
          <Time iso={monitor.unstored.since} />.
          {monitor.unstored.reason ? (
            <span className="font-normal"> Last reason: {monitor.unstored.reason}.</span>
          ) : null}
        </p>
      ) : null}
      {monitor.stale ? (
        <p data-testid="stale-banner" className="font-semibold">
          Monitoring is degraded: no result stored for {monitor.stale.services}{" "}
          {monitor.stale.services === 1 ? "service" : "services"} in three check intervals (since{" "}
          <Time iso={monitor.stale.oldestAt} />
          ); they show unknown. Check the poller (worker) and the database.
        </p>
      ) : null}
    </>
  );
}

function Banners({ summary }: { summary: StatusSummary }) {
  // Paging means an open page-level alert, as on the tiles: never a flapping service that passes, nor one in maintenance.
  const alerting = summary.tiles.filter(isPagingTile);
  if (summary.monitor.degraded) {
    return (
      <div
        data-testid="monitor-banner"
        role="alert"
        className="rounded-md border-2 border-degraded bg-degraded-bg px-3 py-2 text-sm text-degraded"
      >
        <MonitorProblems monitor={summary.monitor} />
        <p className="mt-0.5 text-xs">One banner instead of an alert per service.</p>
        {alerting.length > 0 ? (
          <p data-testid="alert-banner" className="mt-0.5 text-xs">
            Paging meanwhile ({alerting.length}): <ServiceNames tiles={alerting} />
          </p>
        ) : null}
      </div>
    );
  }
  if (alerting.length === 0) return null;
  return (
    <div
      data-testid="alert-banner"
      role="alert"
      className="rounded-md border border-down bg-down-bg px-3 py-2 text-sm font-semibold text-down"
    >
      {alerting.length} {alerting.length === 1 ? "service" : "services"} paging:{" "}
      <ServiceNames tiles={alerting} />
    </div>
  );
}

function Counts({ summary }: { summary: StatusSummary }) {
  const disabled = summary.tiles.filter((tile) => !tile.enabled).length;
  const parts: Array<[string, number, string]> = [
    ["up", summary.counts.up, "text-up"],
    ["degraded", summary.counts.degraded, "text-degraded"],
    ["down", summary.counts.down, "text-down"],
    ["unknown", summary.counts.unknown, "text-muted"],
    ["disabled", disabled, "text-muted"],
  ];
  return (
    <p data-testid="status-counts" className="text-sm tabular-nums">
      {parts
        .filter(
          ([label, count]) =>
            count > 0 || label === "up" || label === "degraded" || label === "down",
        )
        .map(([label, count, tone], index) => (
          <Fragment key={label}>
            {index > 0 ? <span className="text-muted"> · </span> : null}
            <span className={count > 0 ? `font-semibold ${tone}` : "text-muted"}>{count}</span>{" "}
            <span className="text-muted">{label}</span>
          </Fragment>
        ))}
    </p>
  );
}

export function OverviewBoard({
  initialSummary,
  filter,
  canConfigure,
  canDeclare = false,
}: {
  initialSummary: StatusSummary;
  filter: StatusFilter;
  canConfigure: boolean;
  canDeclare?: boolean;
}) {
  const { data: summary, error } = useStatusSummary(filter, initialSummary);
  const filtered = filter.environment !== undefined || filter.tag !== undefined;
  return (
    <div className="flex flex-col gap-3">
      <Banners summary={summary} />
      <RefreshError error={error} dataAtIso={summary.generatedAt} />
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <Counts summary={summary} />
        <nav aria-label="Filter services" className="flex flex-wrap gap-x-4 gap-y-1.5">
          <FilterLinks
            label="Environment"
            values={summary.environments}
            current={filter.environment}
            hrefFor={(environment) => overviewHref({ ...filter, environment })}
          />
          <FilterLinks
            label="Tag"
            values={summary.tags}
            current={filter.tag}
            hrefFor={(tag) => overviewHref({ ...filter, tag })}
          />
        </nav>
      </div>
      {summary.tiles.length === 0 ? (
        filtered ? (
          <EmptyState title="No services match this filter">
            <Link href="/" className="underline underline-offset-2">
              Show all services
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No services are monitored yet">
            {canConfigure ? (
              <>
                Add the first one under{" "}
                <Link href="/settings/services" className="underline underline-offset-2">
                  Settings → Services
                </Link>
                .
              </>
            ) : (
              "A lead adds services under Settings → Services; they appear here with their live health."
            )}
          </EmptyState>
        )
      ) : (
        <ul aria-label="Services, worst first" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {summary.tiles.map((tile) => (
            <li key={tile.id}>
              <ServiceTileCard
                tile={tile}
                serverNowIso={initialSummary.generatedAt}
                canDeclare={canDeclare}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
