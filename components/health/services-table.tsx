"use client";

import Link from "next/link";
import { CheckedAgo } from "@/components/health/checked-ago";
import { formatUptime } from "@/components/health/format";
import { RefreshError } from "@/components/health/refresh-error";
import {
  AlertBadges,
  LatencyVsSlo,
  StatusBadge,
  alertLineClasses,
  alertWords,
} from "@/components/health/status-bits";
import { useStatusSummary } from "@/components/health/use-status-summary";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td } from "@/components/ui/table";
import type { StatusFilter, StatusSummary } from "@/lib/health/types";

const allServices: StatusFilter = {};

export function ServicesTable({
  initialSummary,
  canConfigure,
}: {
  initialSummary: StatusSummary;
  canConfigure: boolean;
}) {
  const { data: summary, error } = useStatusSummary(allServices, initialSummary);
  if (summary.tiles.length === 0) {
    return (
      <EmptyState title="No services are monitored yet">
        {canConfigure
          ? "Use “Add service” above to add the first one."
          : "A lead adds services under Settings → Services."}
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <RefreshError error={error} dataAtIso={summary.generatedAt} />
      <Table data-testid="services-table" className="min-w-[60rem]">
        <caption className="sr-only">Services, worst first</caption>
        <TableHead
          columns={[
            "Name",
            "Environment",
            "Status",
            "Alert state",
            "p95 (1 h) vs SLO",
            { label: "Uptime 24 h", className: "text-right" },
            { label: "Uptime 30 d", className: "text-right" },
            "Last checked",
            "Enabled",
          ]}
        />
        <tbody>
          {summary.tiles.map((tile) => (
            <tr
              key={tile.id}
              data-testid="service-row"
              data-service-name={tile.name}
              className={tile.enabled ? undefined : "text-muted"}
            >
              <Td className="max-w-64 font-medium break-words">
                <Link href={`/services/${tile.id}`} className="underline-offset-2 hover:underline">
                  {tile.name}
                </Link>
              </Td>
              <Td className="whitespace-nowrap">{tile.environment}</Td>
              <Td>
                <StatusBadge status={tile.status} enabled={tile.enabled} />
              </Td>
              <Td className="min-w-48">
                <div className="flex flex-wrap items-center gap-1">
                  <AlertBadges tile={tile} />
                  <span className={`text-xs ${tile.enabled ? alertLineClasses(tile) : ""}`}>
                    {tile.enabled ? alertWords(tile) : "—"}
                  </span>
                </div>
              </Td>
              <Td className="text-xs whitespace-nowrap">
                <LatencyVsSlo label="p95" ms={tile.p95LastHourMs} sloMs={tile.latencySloMs} />
              </Td>
              <Td className="text-right tabular-nums">{formatUptime(tile.uptime.day)}</Td>
              <Td className="text-right tabular-nums">{formatUptime(tile.uptime.month)}</Td>
              <Td className="text-xs whitespace-nowrap">
                <CheckedAgo
                  iso={tile.lastCheckedAt}
                  intervalSeconds={tile.intervalSeconds}
                  serverNowIso={initialSummary.generatedAt}
                  enabled={tile.enabled}
                  prefix=""
                />
              </Td>
              <Td>{tile.enabled ? "yes" : "no"}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
