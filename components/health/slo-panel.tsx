"use client";

import { budgetWords, formatSlo, formatUptime } from "@/components/health/format";
import { useNow } from "@/components/health/use-now";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { humanDuration } from "@/lib/time/duration";
import type { BurnRates, ServiceTile } from "@/lib/health/types";
import { burnRules, formatBurn } from "@/lib/health/slo";

const burnRows = [
  { kind: "fast", label: "Fast burn", action: "pages", long: "fastLong", short: "fastShort" },
  { kind: "slow", label: "Slow burn", action: "warns", long: "slowLong", short: "slowShort" },
] as const;

function Rate({
  rate,
  threshold,
  testId,
}: {
  rate: number | null;
  threshold: number;
  testId: string;
}) {
  const over = rate !== null && rate >= threshold;
  return (
    <span
      data-testid={testId}
      className={`tabular-nums ${over ? "font-semibold text-down" : rate === null ? "text-muted" : ""}`}
    >
      {formatBurn(rate)}
    </span>
  );
}

/**
 * The availability SLO: target, window, uptime and error budget left, and the four burn rates against the
 * SRE workbook's thresholds (both windows of a pair over the rate raise the alert).
 */
export function SloPanel({ tile, serverNowIso }: { tile: ServiceTile; serverNowIso: string }) {
  const now = useNow(serverNowIso);
  const { availability } = tile;
  const windowMs = availability.windowDays * 86_400_000;
  const first = tile.firstCheckedAt === null ? null : Date.parse(tile.firstCheckedAt);
  const coverage =
    first !== null && now - first < windowMs
      ? `of ${humanDuration(Math.max(0, now - first))} of data`
      : null;
  const budget = budgetWords(availability.budgetRemaining);
  const burn: BurnRates | null = availability.burn;
  return (
    <div data-testid="slo-panel" className="flex flex-col gap-3">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
        <div className="flex flex-col gap-0.5">
          <dt className="text-xs text-muted">Target</dt>
          <dd data-testid="slo-target" className="text-sm tabular-nums">
            {formatSlo(availability.target)} of checks not down
          </dd>
        </div>
        <div className="flex flex-col gap-0.5">
          <dt className="text-xs text-muted">Window</dt>
          <dd className="text-sm tabular-nums">{availability.windowDays} days, rolling</dd>
        </div>
        <div className="flex flex-col gap-0.5">
          <dt className="text-xs text-muted">Uptime in the window</dt>
          <dd data-testid="slo-uptime" className="text-sm tabular-nums">
            {formatUptime(availability.uptime)}
            {coverage && availability.uptime !== null ? (
              <span className="text-muted"> {coverage}</span>
            ) : null}
          </dd>
        </div>
        <div className="flex flex-col gap-0.5">
          <dt className="text-xs text-muted">Error budget</dt>
          <dd
            data-testid="slo-budget"
            className={`text-sm tabular-nums ${(availability.budgetRemaining ?? 1) <= 0 ? "font-semibold text-down" : ""}`}
          >
            {budget ?? <span className="text-muted">no data yet</span>}
          </dd>
        </div>
      </dl>
      <Table data-testid="burn-rates">
        <caption className="sr-only">Error-budget burn rates against their thresholds</caption>
        <TableHead columns={["Rule", "Long window", "Short window", "Threshold"]} />
        <tbody>
          {burnRows.map((row) => {
            const rule = burnRules[row.kind];
            return (
              <tr key={row.kind} data-testid={`burn-${row.kind}`}>
                <Td className="whitespace-nowrap">
                  {row.label} <span className="text-xs text-muted">({row.action})</span>
                </Td>
                <Td className="whitespace-nowrap">
                  <span className="text-muted">{humanDuration(rule.longMs)}:</span>{" "}
                  <Rate
                    rate={burn?.[row.long] ?? null}
                    threshold={rule.rate}
                    testId={`burn-${row.kind}-long`}
                  />
                </Td>
                <Td className="whitespace-nowrap">
                  <span className="text-muted">{humanDuration(rule.shortMs)}:</span>{" "}
                  <Rate
                    rate={burn?.[row.short] ?? null}
                    threshold={rule.rate}
                    testId={`burn-${row.kind}-short`}
                  />
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  {rule.rate}x over {humanDuration(rule.longMs)} and {humanDuration(rule.shortMs)}{" "}
                  {row.action}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <p className="text-xs text-muted">
        A burn rate is the share of failed checks in a window divided by the share the SLO allows:
        1x spends the budget exactly over the window.
        {burn ? (
          <>
            {" "}
            As of <Time iso={burn.at} />.
          </>
        ) : null}
      </p>
    </div>
  );
}
