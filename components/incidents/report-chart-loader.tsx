"use client";

import dynamic from "next/dynamic";

function ChartPlaceholder({ height }: { height: number }) {
  return (
    <div style={{ height }} className="flex items-center justify-center text-sm text-muted">
      Loading chart…
    </div>
  );
}

// Recharts is the heaviest dependency: only the report loads it, and only in the browser.
export const SeverityByMonthChart = dynamic(
  () =>
    import("@/components/incidents/report-charts").then((module) => module.SeverityByMonthChart),
  {
    ssr: false,
    loading: () => <ChartPlaceholder height={260} />,
  },
);

export const DurationChart = dynamic(
  () => import("@/components/incidents/report-charts").then((module) => module.DurationChart),
  {
    ssr: false,
    loading: () => <ChartPlaceholder height={200} />,
  },
);
