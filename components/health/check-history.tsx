"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { checksPageSize, fetchChecks, type ChecksPage } from "@/components/health/health-api";
import { formatMs, latencyVerdict, latencyVerdictClasses } from "@/components/health/format";
import { useHealthRefetchInterval } from "@/components/health/live-health";
import { PreciseTime } from "@/components/health/precise-time";
import { StatusBadge } from "@/components/health/status-bits";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td } from "@/components/ui/table";
import { healthKeys } from "@/lib/health/query-keys";
import type { CheckView } from "@/lib/health/types";

function timingsText(timings: NonNullable<CheckView["timings"]>): string {
  const parts: Array<[string, number | undefined]> = [
    ["DNS", timings.dnsMs],
    ["connect", timings.connectMs],
    ["TLS", timings.tlsMs],
    ["first byte", timings.firstByteMs],
    ["total", timings.totalMs],
  ];
  return parts
    .filter((part): part is [string, number] => part[1] !== undefined)
    .map(([label, ms]) => `${label} ${formatMs(ms)}`)
    .join(" · ");
}

function CheckRow({ check, sloMs }: { check: CheckView; sloMs: number }) {
  const failed = check.status !== "up";
  const showDetails = failed && (check.bodySample !== null || check.timings !== null);
  return (
    <tr data-testid="check-row" data-status={check.status}>
      <Td>
        <PreciseTime iso={check.startedAt} />
        {check.manual ? (
          <Badge className="ml-1.5" title="Run with Check now">
            manual
          </Badge>
        ) : null}
        {check.inMaintenance ? (
          <Badge
            tone="accent"
            className="ml-1.5"
            title="Taken in a maintenance window"
            data-testid="check-maintenance"
          >
            maintenance
          </Badge>
        ) : null}
      </Td>
      <Td>
        <StatusBadge status={check.status} />
      </Td>
      <Td className="max-w-xl min-w-64">
        <span className="break-words">{check.reason}</span>
        {showDetails ? (
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-muted hover:text-text">
              {check.bodySample !== null ? "Response body (first 1 KiB) and timings" : "Timings"}
            </summary>
            {check.timings ? (
              <p className="mt-1 text-xs text-muted tabular-nums">{timingsText(check.timings)}</p>
            ) : null}
            {check.bodySample !== null ? (
              <pre className="mt-1 max-h-48 overflow-auto rounded border border-line bg-surface-2 p-2 font-mono text-xs break-all whitespace-pre-wrap">
                {check.bodySample}
              </pre>
            ) : null}
          </details>
        ) : null}
      </Td>
      <Td className="tabular-nums">{check.httpStatus ?? <span className="text-muted">—</span>}</Td>
      <Td
        className={`text-right whitespace-nowrap tabular-nums ${latencyVerdictClasses[latencyVerdict(check.latencyMs, sloMs)]}`}
      >
        {formatMs(check.latencyMs)}
      </Td>
    </tr>
  );
}

export function CheckHistory({
  serviceId,
  sloMs,
  initialPage,
}: {
  serviceId: string;
  sloMs: number;
  initialPage: ChecksPage;
}) {
  const refetchInterval = useHealthRefetchInterval();
  const query = useInfiniteQuery({
    queryKey: healthKeys.checks(serviceId),
    queryFn: ({ pageParam, signal }) =>
      fetchChecks(serviceId, { limit: checksPageSize, before: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    initialData: { pages: [initialPage], pageParams: [null] },
    refetchInterval,
  });
  const checks = query.data.pages.flatMap((page) => page.checks);

  if (checks.length === 0) {
    return (
      <div data-testid="check-history">
        <EmptyState title="No checks recorded yet">
          Results appear here after the first scheduled check, or use Check now.
        </EmptyState>
      </div>
    );
  }
  return (
    <div data-testid="check-history" className="flex flex-col gap-2">
      <Table className="min-w-[40rem]">
        <caption className="sr-only">Check history, newest first</caption>
        <TableHead
          columns={[
            "Time",
            "Status",
            "Reason",
            "HTTP",
            { label: "Latency", className: "text-right" },
          ]}
        />
        <tbody>
          {checks.map((check) => (
            <CheckRow key={check.id} check={check} sloMs={sloMs} />
          ))}
        </tbody>
      </Table>
      <div className="flex items-center gap-2">
        {query.hasNextPage ? (
          <Button
            size="sm"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            data-testid="checks-older"
          >
            {query.isFetchingNextPage ? "Loading…" : "Older"}
          </Button>
        ) : (
          <span className="text-xs text-muted">No older checks.</span>
        )}
        {query.isFetchNextPageError ? (
          <span role="alert" className="text-xs font-medium text-danger">
            {query.error?.message}
          </span>
        ) : null}
      </div>
    </div>
  );
}
