import { formatDuration } from "@/components/incidents/incident-tones";
import { DurationChart, SeverityByMonthChart } from "@/components/incidents/report-chart-loader";
import type { DurationBar, MonthBar } from "@/components/incidents/report-charts";
import { Panel } from "@/components/ui/panel";
import { Table, Td, Th } from "@/components/ui/table";
import type { DurationStats, IncidentReport } from "@/lib/incidents/types";

const monthNames = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** "2026-11" → "Nov 2026". */
function monthLabel(month: string): string {
  const [year, number] = month.split("-");
  const name = monthNames[Number(number) - 1];
  return name && year ? `${name} ${year}` : month;
}

const toHours = (ms: number | null) =>
  ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10;

function DurationFigures({
  label,
  stats,
  testId,
}: {
  label: string;
  stats: DurationStats;
  testId: string;
}) {
  return (
    <div
      data-testid={testId}
      className="flex flex-col gap-1 rounded-lg border border-line bg-surface p-4"
    >
      <h3 className="text-sm font-semibold">{label}</h3>
      <dl className="grid grid-cols-3 gap-2">
        <div>
          <dt className="text-xs text-muted">median</dt>
          <dd data-testid={`${testId}-median`} className="text-xl font-semibold tabular-nums">
            {formatDuration(stats.medianMs)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted">p90</dt>
          <dd data-testid={`${testId}-p90`} className="text-xl font-semibold tabular-nums">
            {formatDuration(stats.p90Ms)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted">incidents</dt>
          <dd className="text-xl font-semibold tabular-nums">{stats.count}</dd>
        </div>
      </dl>
    </div>
  );
}

export function IncidentReportView({ report }: { report: IncidentReport }) {
  const months: MonthBar[] = report.months.map((month) => ({
    label: monthLabel(month.month),
    sev1: month.sev1,
    sev2: month.sev2,
    sev3: month.sev3,
  }));
  const total = months.reduce((sum, month) => sum + month.sev1 + month.sev2 + month.sev3, 0);
  const durations: DurationBar[] = [
    {
      label: "Time to mitigate",
      medianHours: toHours(report.timeToMitigate.medianMs),
      p90Hours: toHours(report.timeToMitigate.p90Ms),
    },
    {
      label: "Time to resolve",
      medianHours: toHours(report.timeToResolve.medianMs),
      p90Hours: toHours(report.timeToResolve.p90Ms),
    },
  ];
  const first = months[0]?.label;
  const last = months.at(-1)?.label;

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 md:grid-cols-2">
        <DurationFigures
          label="Time to mitigate"
          stats={report.timeToMitigate}
          testId="report-ttm"
        />
        <DurationFigures label="Time to resolve" stats={report.timeToResolve} testId="report-ttr" />
      </div>

      <Panel
        title="Incidents by severity per month"
        description={`${total} declared from ${first ?? "—"} to ${last ?? "—"} (UTC months). The table under the chart holds the same numbers.`}
      >
        <figure data-testid="report-severity-chart" className="flex flex-col gap-3">
          <div aria-hidden="true">
            <SeverityByMonthChart months={months} />
          </div>
          <figcaption className="sr-only">
            Stacked bars of SEV1, SEV2 and SEV3 incidents per month; the same numbers follow as a
            table.
          </figcaption>
          <Table data-testid="report-severity-table">
            <caption className="sr-only">Incidents declared per month by severity</caption>
            <thead>
              <tr>
                <Th>Month</Th>
                <Th className="text-right">SEV1</Th>
                <Th className="text-right">SEV2</Th>
                <Th className="text-right">SEV3</Th>
                <Th className="text-right">Total</Th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.label}>
                  <Th
                    scope="row"
                    className="border-b-line bg-transparent text-left font-medium text-text"
                  >
                    {month.label}
                  </Th>
                  <Td className="text-right tabular-nums">{month.sev1}</Td>
                  <Td className="text-right tabular-nums">{month.sev2}</Td>
                  <Td className="text-right tabular-nums">{month.sev3}</Td>
                  <Td className="text-right font-medium tabular-nums">
                    {month.sev1 + month.sev2 + month.sev3}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </figure>
      </Panel>

      <Panel
        title="Time to mitigate and resolve"
        description="Median and p90 in hours, from declared to mitigated and to resolved, over the same months."
      >
        <figure className="flex flex-col gap-3">
          {report.timeToMitigate.count + report.timeToResolve.count > 0 ? (
            <div aria-hidden="true">
              <DurationChart durations={durations} />
            </div>
          ) : (
            <p className="text-sm text-muted">
              No incident declared in these months has been mitigated or resolved yet.
            </p>
          )}
          <figcaption className="sr-only">
            Bars of median and p90 time to mitigate and to resolve; the figures above give the same
            values.
          </figcaption>
          <Table>
            <thead>
              <tr>
                <Th>
                  <span className="sr-only">Measure</span>
                </Th>
                <Th className="text-right">median</Th>
                <Th className="text-right">p90</Th>
                <Th className="text-right">incidents</Th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ["Time to mitigate", report.timeToMitigate],
                  ["Time to resolve", report.timeToResolve],
                ] as const
              ).map(([label, stats]) => (
                <tr key={label}>
                  <Th
                    scope="row"
                    className="border-b-line bg-transparent text-left font-medium text-text"
                  >
                    {label}
                  </Th>
                  <Td className="text-right tabular-nums">{formatDuration(stats.medianMs)}</Td>
                  <Td className="text-right tabular-nums">{formatDuration(stats.p90Ms)}</Td>
                  <Td className="text-right tabular-nums">{stats.count}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </figure>
      </Panel>
    </div>
  );
}
