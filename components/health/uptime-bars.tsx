import { formatUptime } from "@/components/health/format";
import type { UptimeDay } from "@/lib/health/types";

function barClass(day: UptimeDay): string {
  if (day.uptime === null) return day.maintenance > 0 ? "bg-accent" : "bg-line";
  if (day.uptime >= 1) return "bg-up";
  if (day.uptime >= 0.99) return "bg-degraded";
  return "bg-down";
}

function maintenanceWords(day: UptimeDay): string | null {
  if (day.maintenance === 0) return null;
  const checks = `${day.maintenance} ${day.maintenance === 1 ? "check" : "checks"}`;
  return day.maintenanceExcluded
    ? `maintenance: ${checks} left out`
    : `maintenance: ${checks}, counted`;
}

function dayTitle(day: UptimeDay): string {
  const maintenance = maintenanceWords(day);
  if (day.uptime === null) return `${day.day}: ${maintenance ?? "no data"}`;
  const details = [
    `${day.total} checks`,
    `${day.down} down`,
    ...(day.degraded > 0 ? [`${day.degraded} degraded`] : []),
    ...(maintenance ? [maintenance] : []),
  ];
  return `${day.day}: ${formatUptime(day.uptime)} up (${details.join(", ")})`;
}

/** One bar per UTC day, oldest on the left. */
export function UptimeBars({ days }: { days: UptimeDay[] }) {
  const measured = days.filter((day) => day.uptime !== null);
  const total = measured.reduce((sum, day) => sum + day.total, 0);
  const down = measured.reduce((sum, day) => sum + day.down, 0);
  const overall = total > 0 ? (total - down) / total : null;
  const badDays = measured.filter((day) => (day.uptime ?? 1) < 1).length;
  const summary =
    overall === null
      ? `No uptime data in the last ${days.length} days yet.`
      : `${formatUptime(overall)} up over ${measured.length} of ${days.length} days with data; ${badDays} ${badDays === 1 ? "day" : "days"} with down checks.`;
  return (
    <div data-testid="uptime-bars" className="flex flex-col gap-2">
      <p className="text-sm">
        <span className="font-semibold tabular-nums">{formatUptime(overall)}</span>{" "}
        <span className="text-muted">
          {overall === null
            ? `no data in the last ${days.length} days yet`
            : `over the ${measured.length} ${measured.length === 1 ? "day" : "days"} with data`}
        </span>
      </p>
      <div role="img" aria-label={summary} className="flex h-8 items-stretch gap-px">
        {days.map((day) => (
          <div
            key={day.day}
            title={dayTitle(day)}
            data-maintenance={day.maintenance > 0 ? "true" : undefined}
            className={`min-w-0.5 flex-1 rounded-[1px] ${barClass(day)} ${day.maintenance > 0 ? "border-t-4 border-accent" : ""}`}
          />
        ))}
      </div>
      <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 text-xs text-muted">
        <span>{days[0]?.day ?? ""}</span>
        <span className="flex flex-wrap gap-x-3">
          <LegendSwatch className="bg-up" label="100%" />
          <LegendSwatch className="bg-degraded" label="99% to 100%" />
          <LegendSwatch className="bg-down" label="below 99%" />
          <LegendSwatch className="bg-line" label="no data" />
          <LegendSwatch className="bg-accent" label="maintenance" />
        </span>
        <span>{days.at(-1)?.day ?? ""} (UTC)</span>
      </div>
    </div>
  );
}

function LegendSwatch({ className, label }: { className: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-[1px] ${className}`} />
      {label}
    </span>
  );
}
