"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatMs } from "@/components/health/format";
import { formatUtcClock, formatUtcDate, formatUtcDateTime } from "@/lib/time/format";
import type { LatencyPoint, LatencyRange } from "@/lib/health/types";

type Row = { t: number; p50: number | null; p95: number | null; p99: number | null };

/** Steps with no rollup become explicit gaps, so the lines never bridge an outage or a pause. */
function withGaps(points: LatencyPoint[]): Row[] {
  const rows = points.map((point) => ({
    t: Date.parse(point.bucket),
    p50: point.p50Ms,
    p95: point.p95Ms,
    p99: point.p99Ms,
  }));
  if (rows.length < 3) return rows;
  const gaps = rows.slice(1).map((row, index) => row.t - (rows[index]?.t ?? row.t));
  const step = Math.min(...gaps.filter((gap) => gap > 0));
  const filled: Row[] = [];
  for (const [index, row] of rows.entries()) {
    const previous = rows[index - 1];
    if (previous && row.t - previous.t > 1.5 * step)
      filled.push({ t: previous.t + step, p50: null, p95: null, p99: null });
    filled.push(row);
  }
  return filled;
}

function tickFor(range: LatencyRange) {
  return (value: unknown) => {
    if (typeof value !== "number") return "";
    const at = new Date(value);
    return range === "1h" || range === "24h" ? formatUtcClock(at) : formatUtcDate(at).slice(5);
  };
}

const series = [
  { key: "p50", name: "p50", color: "var(--muted)", width: 1.5, dash: undefined },
  { key: "p95", name: "p95", color: "var(--accent)", width: 2, dash: undefined },
  { key: "p99", name: "p99", color: "var(--degraded)", width: 1.5, dash: "5 3" },
] as const;

export function LatencyChart({
  points,
  sloMs,
  range,
}: {
  points: LatencyPoint[];
  sloMs: number;
  range: LatencyRange;
}) {
  const data = withGaps(points);
  return (
    <LineChart
      responsive
      data={data}
      style={{ width: "100%", height: 260 }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={["dataMin", "dataMax"]}
        tickFormatter={tickFor(range)}
        stroke="var(--muted)"
        tick={{ fill: "var(--muted)", fontSize: 11 }}
        minTickGap={24}
      />
      <YAxis
        tickFormatter={(value: unknown) => (typeof value === "number" ? formatMs(value) : "")}
        stroke="var(--muted)"
        tick={{ fill: "var(--muted)", fontSize: 11 }}
        width={56}
      />
      <Tooltip
        labelFormatter={(label) =>
          typeof label === "number" ? formatUtcDateTime(new Date(label).toISOString()) : label
        }
        formatter={(value) => (typeof value === "number" ? formatMs(value) : "—")}
        contentStyle={{
          background: "var(--surface)",
          border: "1px solid var(--line)",
          borderRadius: 6,
          fontSize: 12,
          color: "var(--text)",
        }}
        labelStyle={{ color: "var(--muted)" }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <ReferenceLine
        y={sloMs}
        ifOverflow="extendDomain"
        stroke="var(--down)"
        strokeDasharray="6 4"
        label={{
          value: `SLO ${formatMs(sloMs)}`,
          position: "insideTopRight",
          fill: "var(--down)",
          fontSize: 11,
        }}
      />
      {series.map((line) => (
        <Line
          key={line.key}
          dataKey={line.key}
          name={line.name}
          type="linear"
          stroke={line.color}
          strokeWidth={line.width}
          strokeDasharray={line.dash}
          dot={data.length < 3 ? { r: 2.5, fill: line.color } : false}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
