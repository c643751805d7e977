"use client";

import { PreciseTime } from "@/components/health/precise-time";
import { StatusBadge } from "@/components/health/status-bits";
import { useNow } from "@/components/health/use-now";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import { humanDuration } from "@/lib/time/duration";
import { alertRuleLabels } from "@/lib/health/labels";
import type { AlertEvidence, AlertView } from "@/lib/health/types";

/** The stored check behind a piece of evidence: one check, as the API keeps it (body sample and timings included). */
function checkHref(serviceId: string, checkId: string): string | null {
  if (!/^\d{1,19}$/.test(checkId)) return null;
  return `/api/v1/services/${serviceId}/checks?before=${BigInt(checkId) + BigInt(1)}&limit=1`;
}

function EvidenceList({ serviceId, evidence }: { serviceId: string; evidence: AlertEvidence[] }) {
  if (evidence.length === 0)
    return <p className="text-xs text-muted">No evidence was stored with this alert.</p>;
  return (
    <ol
      data-testid="alert-evidence"
      aria-label="Evidence, oldest first"
      className="flex flex-col gap-0.5 text-xs"
    >
      {evidence.map((item, index) => {
        const href = item.checkId ? checkHref(serviceId, item.checkId) : null;
        return (
          <li
            key={`${item.at}-${index}`}
            data-testid="alert-evidence-item"
            className="flex flex-wrap items-baseline gap-x-1.5"
          >
            <PreciseTime iso={item.at} />
            {item.status ? <StatusBadge status={item.status} /> : null}
            <span className="min-w-0 break-words">{item.reason}</span>
            {href ? (
              <a
                href={href}
                data-testid="alert-evidence-check"
                title="The stored check, as JSON"
                className="text-accent underline underline-offset-2"
              >
                check {item.checkId}
              </a>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function AlertItem({ alert, nowMs }: { alert: AlertView; nowMs: number }) {
  const page = alert.level === "page";
  return (
    <li
      data-testid="alert-item"
      data-rule={alert.rule}
      data-level={alert.level}
      className={`flex flex-col gap-1 rounded-md border border-l-4 border-line px-3 py-2 ${page ? "border-l-down" : "border-l-degraded"}`}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
        <Badge tone={page ? "down" : "degraded"} data-testid="alert-level">
          {page ? "Page" : "Warning"}
        </Badge>
        <span className="font-semibold" data-testid="alert-rule">
          {alertRuleLabels[alert.rule]}
        </span>
        <span className="text-xs text-muted">
          started <Time iso={alert.startedAt} />
          {alert.endedAt ? (
            <>
              {" "}
              · ended <Time iso={alert.endedAt} /> after{" "}
              {humanDuration(Date.parse(alert.endedAt) - Date.parse(alert.startedAt))}
            </>
          ) : (
            <> · open for {humanDuration(nowMs - Date.parse(alert.startedAt))}</>
          )}
        </span>
      </div>
      <p data-testid="alert-reason" className="text-sm break-words">
        {alert.reason}
      </p>
      {alert.endReason ? (
        <p className="text-xs break-words text-muted">Ended: {alert.endReason}</p>
      ) : null}
      <EvidenceList serviceId={alert.serviceId} evidence={alert.evidence} />
    </li>
  );
}

/** Alerts with their level, rule, reason, when they started (and ended) and the checks behind them. */
export function AlertList({
  alerts,
  serverNowIso,
  empty,
  "data-testid": testId,
}: {
  alerts: AlertView[];
  serverNowIso: string;
  empty: string;
  "data-testid": string;
}) {
  const now = useNow(serverNowIso);
  if (alerts.length === 0) {
    return (
      <p data-testid={testId} className="text-sm text-muted">
        {empty}
      </p>
    );
  }
  return (
    <ul data-testid={testId} className="flex flex-col gap-2">
      {alerts.map((alert) => (
        <AlertItem key={alert.id} alert={alert} nowMs={now} />
      ))}
    </ul>
  );
}
