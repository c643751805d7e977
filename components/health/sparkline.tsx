import { formatMs } from "@/components/health/format";

const width = 96;
const height = 24;
const pad = 2;

/** The last checks' latencies as a plain SVG line (no chart library on the overview), with the SLO dashed when in view. */
export function Sparkline({ values, sloMs }: { values: number[]; sloMs: number }) {
  if (values.length < 2) return <span aria-hidden="true" className="inline-block h-6 w-24" />;
  const max = Math.max(...values, 1);
  const min = Math.min(...values);
  const y = (value: number) => height - pad - (value / max) * (height - 2 * pad);
  const x = (index: number) => pad + (index * (width - 2 * pad)) / (values.length - 1);
  const points = values
    .map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      role="img"
      aria-label={`Latency of the last ${values.length} checks: ${formatMs(min)} to ${formatMs(max)}`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className="shrink-0 overflow-visible"
    >
      {sloMs <= max ? (
        <line
          x1={0}
          x2={width}
          y1={y(sloMs)}
          y2={y(sloMs)}
          stroke="var(--down)"
          strokeWidth={1}
          strokeDasharray="2 2"
          opacity={0.7}
        />
      ) : null}
      <polyline
        points={points}
        fill="none"
        stroke="var(--accent)"
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
