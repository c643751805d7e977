"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { DeployingNow } from "@/components/deploys/deploying-now";
import { AlertList } from "@/components/health/alert-list";
import { BaselinesPanel } from "@/components/health/baselines-panel";
import { CheckHistory } from "@/components/health/check-history";
import { CheckNowButton } from "@/components/health/check-now-button";
import { CheckedAgo } from "@/components/health/checked-ago";
import { EventLog } from "@/components/health/event-log";
import { isHttpUrl } from "@/lib/markdown";
import {
  figureEntries,
  formatMs,
  formatUptime,
  nextCheckWords,
  oldFiguresAt,
  seenAtWords,
  statusForWords,
  uptimeEntries,
  versionLabel,
} from "@/components/health/format";
import {
  fetchServiceDetail,
  type ChecksPage,
  type LatencySeries,
} from "@/components/health/health-api";
import { LatencyPanel } from "@/components/health/latency-panel";
import { LiveIndicator, useHealthRefetchInterval } from "@/components/health/live-health";
import { RefreshError } from "@/components/health/refresh-error";
import { SloPanel } from "@/components/health/slo-panel";
import {
  AlertBadges,
  LatencyVsSlo,
  StatusBadge,
  alertLineClasses,
  alertWords,
} from "@/components/health/status-bits";
import { useNow } from "@/components/health/use-now";
import { UptimeBars } from "@/components/health/uptime-bars";
import { buttonClasses } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { humanDuration } from "@/lib/time/duration";
import { describeCertificate } from "@/lib/health/alerting";
import { healthKeys } from "@/lib/health/query-keys";
import { profileLabels } from "@/lib/health/labels";
import type { ServiceDetail, ServiceTile } from "@/lib/health/types";
import type { ServiceLinks } from "@/lib/services/types";
import { isDeclarable } from "@/lib/incidents/declare-defaults";

const linkLabels: Record<keyof ServiceLinks, string> = {
  logs: "Logs",
  railway: "Railway service",
  runbook: "Runbook section",
  repository: "Repository path",
};

/** A configured link opens only when it is an http(s) URL; anything else is shown as plain text. */
function ServiceLink({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex min-w-0 gap-1.5">
      <dt className="shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 break-all">
        {isHttpUrl(value) ? (
          <a
            href={value}
            target="_blank"
            rel="noopener noreferrer"
            className="text-accent underline underline-offset-2"
          >
            {value}
          </a>
        ) : (
          <span>{value}</span>
        )}
      </dd>
    </div>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="text-sm tabular-nums">{children}</dd>
    </div>
  );
}

const certificateTones: Record<NonNullable<ServiceTile["certificate"]>["level"], string> = {
  ok: "",
  warning: "font-semibold text-degraded",
  page: "font-semibold text-down",
};

/** "certificate expires in 2 days (Fri 14:00 UTC)", amber in the warning window and red in the page window. */
function TlsExpiry({
  iso,
  certificate,
  now,
}: {
  iso: string;
  certificate: ServiceTile["certificate"];
  now: number;
}) {
  return (
    <span
      data-testid="service-certificate"
      className={certificateTones[certificate?.level ?? "ok"]}
    >
      {describeCertificate(new Date(iso), new Date(now))}
      {certificate ? (
        <span className="font-normal text-muted">
          {" "}
          · warns at {certificate.warnDays} d, pages at {certificate.pageDays} d
        </span>
      ) : null}
    </span>
  );
}

export function ServiceDetailView({
  initialDetail,
  initialChecks,
  initialLatency,
  serverNowIso,
  canCheck,
  canConfigure,
  canDeclare = false,
  canAcceptBaseline = false,
  deploys = null,
}: {
  initialDetail: ServiceDetail;
  initialChecks: ChecksPage;
  initialLatency: LatencySeries;
  serverNowIso: string;
  canCheck: boolean;
  canConfigure: boolean;
  canDeclare?: boolean;
  canAcceptBaseline?: boolean;
  /** The service's recent deploys, rendered by the server page. */
  deploys?: ReactNode;
}) {
  const serviceId = initialDetail.service.id;
  const refetchInterval = useHealthRefetchInterval();
  const {
    data: detail,
    error,
    dataUpdatedAt,
  } = useQuery({
    queryKey: healthKeys.detail(serviceId),
    queryFn: ({ signal }) => fetchServiceDetail(serviceId, signal),
    initialData: initialDetail,
    initialDataUpdatedAt: Date.parse(serverNowIso),
    refetchInterval,
  });
  const { service, tile } = detail;
  const links = (Object.keys(linkLabels) as Array<keyof ServiceLinks>).flatMap((key) => {
    const value = service.links[key];
    return value ? [{ key, label: linkLabels[key], value }] : [];
  });
  const figures = figureEntries(tile.figures, 24);
  const now = useNow(serverNowIso);
  const statusFor = tile.enabled ? statusForWords(tile.status, tile.statusSince, now) : null;
  const nextCheck =
    tile.enabled && tile.alertState !== "ok" ? nextCheckWords(tile.nextCheckAt, now) : null;
  const oldFigures = oldFiguresAt(tile);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="text-xs text-muted">
            <Link href="/services" className="hover:text-text hover:underline">
              Services
            </Link>{" "}
            / {service.environment}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-lg font-semibold tracking-tight break-words">{service.name}</h1>
            <StatusBadge
              status={tile.status}
              enabled={tile.enabled}
              className="text-sm"
              data-testid="service-status"
            />
            <AlertBadges tile={tile} />
          </div>
          <p data-testid="service-reason" className="text-sm break-words">
            {statusFor ? (
              <span className="font-semibold">
                {statusFor.charAt(0).toUpperCase() + statusFor.slice(1)}:{" "}
              </span>
            ) : null}
            {tile.enabled
              ? (tile.reason ?? "Waiting for the first check.")
              : "Checks are paused while the service is disabled."}
          </p>
          <p
            data-testid="service-alert"
            className={`text-sm ${tile.enabled ? alertLineClasses(tile) : "text-muted"}`}
          >
            {tile.enabled ? alertWords(tile) : "Not alerting while disabled"}
            {tile.enabled && tile.alertState !== "ok" ? (
              <span className="font-normal text-muted">
                {" "}
                for {humanDuration(now - Date.parse(tile.stateSince))}
                {nextCheck ? `; ${nextCheck}` : null}
              </span>
            ) : null}
          </p>
          {tile.deploying ? <DeployingNow deploying={tile.deploying} className="text-sm" /> : null}
          {tile.maintenanceUntil ? (
            <p data-testid="service-maintenance" className="text-sm font-semibold text-accent">
              In maintenance until {seenAtWords(tile.maintenanceUntil, now)}{" "}
              <Link href="/maintenance" className="font-normal text-muted hover:underline">
                see the window
              </Link>
            </p>
          ) : null}
        </div>
        <div className="flex items-center gap-3">
          <LiveIndicator />
          {canDeclare && isDeclarable(tile) ? (
            <Link
              href={`/incidents/new?service=${service.id}`}
              data-testid="service-declare"
              className={buttonClasses("danger", "sm")}
            >
              Declare incident
            </Link>
          ) : null}
          {canConfigure ? (
            <Link
              href={`/settings/services/${service.id}`}
              className={buttonClasses("secondary", "sm")}
            >
              Configure
            </Link>
          ) : null}
        </div>
        {canCheck ? <CheckNowButton serviceId={service.id} /> : null}
      </div>

      <RefreshError error={error} dataAtIso={new Date(dataUpdatedAt).toISOString()} />

      <Panel>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="Last latency">{formatMs(tile.lastLatencyMs)}</Stat>
          <Stat label={`p95, last ${humanDuration(tile.latencyWindow.seconds * 1_000)} (judged)`}>
            <LatencyVsSlo label="" ms={tile.latencyWindow.p95Ms} sloMs={tile.latencySloMs} />
          </Stat>
          <Stat label="p95, last hour">{formatMs(tile.p95LastHourMs)}</Stat>
          {uptimeEntries(tile, now).map((entry) => (
            <Stat key={entry.label} label={`Uptime ${entry.label}`}>
              {formatUptime(entry.ratio)}
              {entry.coverage ? (
                <span className="text-xs text-muted"> {entry.coverage}</span>
              ) : null}
            </Stat>
          ))}
          <Stat label="Last checked">
            <CheckedAgo
              iso={tile.lastCheckedAt}
              intervalSeconds={tile.intervalSeconds}
              serverNowIso={serverNowIso}
              enabled={tile.enabled}
              prefix=""
            />
          </Stat>
        </dl>
        <dl className="mt-4 grid gap-x-6 gap-y-1.5 border-t border-line pt-3 text-sm md:grid-cols-2">
          <div className="flex min-w-0 gap-1.5">
            <dt className="shrink-0 text-muted">URL</dt>
            <dd className="min-w-0 break-all">{service.baseUrl}</dd>
          </div>
          <div className="flex min-w-0 gap-1.5">
            <dt className="shrink-0 text-muted">Probe</dt>
            <dd>
              {profileLabels[service.profile]}, every {service.intervalSeconds} s, timeout{" "}
              {service.timeoutSeconds} s
            </dd>
          </div>
          <div className="flex min-w-0 gap-1.5">
            <dt className="shrink-0 text-muted">Version</dt>
            <dd className="break-all">
              {tile.version ? (
                versionLabel(tile.version)
              ) : (
                <span className="text-muted">not reported</span>
              )}
              {tile.version && oldFigures ? (
                <span className="text-degraded"> (last seen {seenAtWords(oldFigures, now)})</span>
              ) : null}
            </dd>
          </div>
          <div className="flex min-w-0 gap-1.5">
            <dt className="shrink-0 text-muted">Pages after</dt>
            <dd>
              {service.failureThreshold} failed scheduled checks, clears after{" "}
              {service.recoveryThreshold} passed; warns after{" "}
              {humanDuration(service.degradedWarnAfterSeconds * 1_000)} not up
            </dd>
          </div>
          {service.checkTlsExpiry && service.baseUrl.startsWith("https:") ? (
            <div className="flex min-w-0 gap-1.5">
              <dt className="shrink-0 text-muted">TLS certificate</dt>
              <dd>
                {tile.tlsExpiresAt ? (
                  <TlsExpiry iso={tile.tlsExpiresAt} certificate={tile.certificate} now={now} />
                ) : (
                  <span className="text-muted">not seen yet</span>
                )}
              </dd>
            </div>
          ) : null}
          {service.tags.length > 0 ? (
            <div className="flex min-w-0 gap-1.5">
              <dt className="shrink-0 text-muted">Tags</dt>
              <dd className="break-words">{service.tags.join(", ")}</dd>
            </div>
          ) : null}
          {links.map((link) => (
            <ServiceLink key={link.key} label={link.label} value={link.value} />
          ))}
        </dl>
        {figures.length > 0 ? (
          <dl
            data-testid="service-figures"
            className="mt-3 flex flex-wrap gap-x-4 gap-y-1 border-t border-line pt-3 text-sm"
          >
            {oldFigures ? (
              <div
                data-testid="service-figures-age"
                className="basis-full font-medium text-degraded"
              >
                Last seen {seenAtWords(oldFigures, now)}; the newest check did not read them:
              </div>
            ) : null}
            {figures.map(([key, value]) => (
              <div key={key} className="flex min-w-0 gap-1.5">
                <dt className="text-muted">{key}</dt>
                <dd className="max-w-72 font-medium break-all tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </Panel>

      <Panel
        title="Open alerts"
        description="Pages first. A page needs someone now; a warning needs a look. Each lists the checks behind it."
      >
        <AlertList
          alerts={tile.alerts}
          serverNowIso={serverNowIso}
          empty="No alert is open."
          data-testid="open-alerts"
        />
      </Panel>

      <Panel
        title="Availability SLO"
        description="Share of checks not down, against the target; burn rates say how fast the error budget goes."
      >
        <SloPanel tile={tile} serverNowIso={serverNowIso} />
      </Panel>

      {deploys}

      <Panel
        title="Latency"
        description="p50, p95 and p99 per interval from the check rollups; the dashed red line is the SLO."
      >
        <LatencyPanel serviceId={service.id} initialSeries={initialLatency} />
      </Panel>

      <Panel
        title="Uptime, last 90 days"
        description="Share of checks that were not down, per UTC day."
      >
        <UptimeBars days={detail.uptimeDays} />
      </Panel>

      <Panel title="Recent alerts" description="Ended alerts, newest first, with why they ended.">
        <AlertList
          alerts={detail.pastAlerts}
          serverNowIso={serverNowIso}
          empty="No alert has ended recently."
          data-testid="past-alerts"
        />
      </Panel>

      <Panel
        title="Baselines"
        description="Key figures compared with what they should be: below half of the baseline stays degraded until the figure returns or a lead accepts the value seen now."
      >
        <BaselinesPanel
          serviceId={service.id}
          profile={service.profile}
          baselines={detail.baselines}
          canAccept={canAcceptBaseline}
        />
      </Panel>

      <Panel
        title="State changes"
        description="The latest 50 alert state changes and alerts raised or cleared, newest first."
      >
        <EventLog events={detail.events} />
      </Panel>

      <Panel
        title="Check history"
        description="Newest first. Failed checks keep the first 1 KiB of the response."
      >
        <CheckHistory
          serviceId={service.id}
          sloMs={service.latencySloMs}
          initialPage={initialChecks}
        />
      </Panel>
    </div>
  );
}
