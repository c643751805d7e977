"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { fetchLatencySeries, type LatencySeries } from "@/components/health/health-api";
import { formatMs } from "@/components/health/format";
import { useHealthRefetchInterval } from "@/components/health/live-health";
import { healthKeys } from "@/lib/health/query-keys";
import { latencyRanges } from "@/lib/health/labels";
import type { LatencyRange } from "@/lib/health/types";

// Recharts is the heaviest dependency: only this page loads it, and only in the browser.
const LatencyChart = dynamic(
  () => import("@/components/health/latency-chart").then((module) => module.LatencyChart),
  {
    ssr: false,
    loading: () => (
      <div className="flex h-[260px] items-center justify-center text-sm text-muted">
        Loading chart…
      </div>
    ),
  },
);

const rangeLabels: Record<LatencyRange, string> = {
  "1h": "1 h",
  "24h": "24 h",
  "7d": "7 d",
  "30d": "30 d",
};
const ranges = latencyRanges;

function describe(series: LatencySeries): string {
  const p95s = series.points.map((point) => point.p95Ms).filter((ms): ms is number => ms !== null);
  if (p95s.length === 0) return "";
  const worst = Math.max(...p95s);
  const over = p95s.filter((ms) => ms > series.sloMs).length;
  return `Highest p95 ${formatMs(worst)}; ${over} of ${p95s.length} intervals over the ${formatMs(series.sloMs)} SLO.`;
}

export function LatencyPanel({
  serviceId,
  initialSeries,
}: {
  serviceId: string;
  initialSeries: LatencySeries;
}) {
  const [range, setRange] = useState<LatencyRange>(initialSeries.range);
  const refetchInterval = useHealthRefetchInterval();
  const query = useQuery({
    queryKey: healthKeys.latency(serviceId, range),
    queryFn: ({ signal }) => fetchLatencySeries(serviceId, range, signal),
    initialData: range === initialSeries.range ? initialSeries : undefined,
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  const series = query.data;

  return (
    <div data-testid="latency-chart" data-range={range} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div
          role="group"
          aria-label="Time range"
          className="inline-flex rounded-md border border-line bg-surface-2 p-0.5"
        >
          {ranges.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={option === range}
              data-testid={`latency-range-${option}`}
              onClick={() => setRange(option)}
              className={`rounded px-2 py-0.5 text-xs font-medium ${option === range ? "bg-surface text-text shadow-sm" : "text-muted hover:text-text"}`}
            >
              {rangeLabels[option]}
            </button>
          ))}
        </div>
        <p className="text-xs text-muted" aria-live="polite">
          {query.isFetching && query.isPlaceholderData
            ? "Loading…"
            : series
              ? describe(series)
              : null}
        </p>
      </div>
      {query.isError && !series ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {query.error.message}
        </p>
      ) : !series ? (
        <div className="flex h-[260px] items-center justify-center text-sm text-muted">
          Loading…
        </div>
      ) : series.points.length === 0 ? (
        <div className="flex h-[260px] items-center justify-center rounded-md border border-dashed border-line text-sm text-muted">
          No latency recorded in the last {rangeLabels[range]} yet.
        </div>
      ) : (
        <LatencyChart points={series.points} sloMs={series.sloMs} range={series.range} />
      )}
    </div>
  );
}
