"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export type MonthBar = { label: string; sev1: number; sev2: number; sev3: number };
export type DurationBar = { label: string; medianHours: number | null; p90Hours: number | null };

const tooltipStyle = {
  contentStyle: {
    background: "var(--surface)",
    border: "1px solid var(--line)",
    borderRadius: 6,
    fontSize: 12,
    color: "var(--text)",
  },
  labelStyle: { color: "var(--muted)" },
  cursor: { fill: "var(--surface-2)" },
} as const;
const axisProps = { stroke: "var(--muted)", tick: { fill: "var(--muted)", fontSize: 11 } } as const;

const severitySeries = [
  { key: "sev1", name: "SEV1", color: "var(--down)" },
  { key: "sev2", name: "SEV2", color: "var(--degraded)" },
  { key: "sev3", name: "SEV3", color: "var(--accent)" },
] as const;

export function SeverityByMonthChart({ months }: { months: MonthBar[] }) {
  return (
    <BarChart
      responsive
      accessibilityLayer={false}
      data={months}
      style={{ width: "100%", height: 260 }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" {...axisProps} minTickGap={8} />
      <YAxis allowDecimals={false} width={32} {...axisProps} />
      <Tooltip {...tooltipStyle} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {severitySeries.map((series) => (
        <Bar
          key={series.key}
          dataKey={series.key}
          name={series.name}
          stackId="severity"
          fill={series.color}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}

const hours = (value: unknown) => (typeof value === "number" ? `${value} h` : "—");

export function DurationChart({ durations }: { durations: DurationBar[] }) {
  return (
    <BarChart
      responsive
      accessibilityLayer={false}
      data={durations}
      style={{ width: "100%", height: 200 }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" {...axisProps} />
      <YAxis tickFormatter={hours} width={48} {...axisProps} />
      <Tooltip {...tooltipStyle} formatter={hours} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="medianHours" name="median" fill="var(--accent)" isAnimationActive={false} />
      <Bar dataKey="p90Hours" name="p90" fill="var(--degraded)" isAnimationActive={false} />
    </BarChart>
  );
}
