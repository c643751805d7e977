import { alertStateWords } from "@/components/health/format";
import { alertTextClasses } from "@/components/health/status-bits";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { HealthEventView } from "@/lib/health/types";

const kindWords: Record<string, string> = {
  failing: "Failing",
  cleared: "Cleared",
  alerting: "Paging: down",
  recovering: "Recovering",
  recovered: "Page cleared: recovered",
  flapping_started: "Warning: flapping started",
  flapping_stopped: "Flapping stopped",
  warning: "Warning raised",
  warning_cleared: "Warning cleared",
  page: "Paging",
  page_cleared: "Page cleared",
  certificate_warning: "Warning: certificate expiring",
  certificate_page: "Paging: certificate expiring",
  burn_fast: "Paging: fast error-budget burn",
  burn_slow: "Warning: slow error-budget burn",
};

/** Readable words for an event kind; one this version does not know is shown as it is stored. */
export function kindText(kind: string): string {
  return kindWords[kind] ?? kind;
}

/** Alert state changes, newest first: when, from → to, and why. */
export function EventLog({ events }: { events: HealthEventView[] }) {
  if (events.length === 0) {
    return (
      <div data-testid="event-log">
        <EmptyState title="No state changes yet">
          Changes between OK, failing, alerting and recovering, and every page and warning raised or
          cleared, are listed here.
        </EmptyState>
      </div>
    );
  }
  return (
    <div data-testid="event-log">
      <Table>
        <caption className="sr-only">State changes, newest first</caption>
        <TableHead columns={["Time", "Change", "Reason"]} />
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-testid="event-row">
              <Td>
                <Time iso={event.at} />
              </Td>
              <Td className="text-xs whitespace-nowrap">
                {event.fromState && event.toState ? (
                  <>
                    <span className={alertTextClasses[event.fromState]}>
                      {alertStateWords[event.fromState]}
                    </span>
                    <span aria-hidden="true" className="px-1 text-muted">
                      →
                    </span>
                    <span className="sr-only"> to </span>
                    <span className={alertTextClasses[event.toState]}>
                      {alertStateWords[event.toState]}
                    </span>
                  </>
                ) : null}
                {event.kind !== event.toState ? (
                  <span className="block text-muted">{kindText(event.kind)}</span>
                ) : null}
              </Td>
              <Td className="min-w-48 text-xs break-words">{event.reason}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
