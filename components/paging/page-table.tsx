import Link from "next/link";
import { InertText } from "@/components/incidents/inert-text";
import { formatDuration, PageLevelBadge, PageStateBadge } from "@/components/paging/page-badges";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { summarizeRecipients } from "@/lib/paging/page-notifications";
import type { PageView } from "@/lib/paging/types";
import { formatUtcTime } from "@/lib/time/format";

function NotifiedCell({ page }: { page: PageView }) {
  const groups = summarizeRecipients(page.notifications).filter(
    (group) => group.step !== "recovered",
  );
  if (groups.length === 0) return <span className="text-muted">Nobody yet</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {groups.map((group) => (
        <li key={`${group.step}:${group.userId ?? group.recipient}`} className="whitespace-nowrap">
          <InertText text={group.recipient} />{" "}
          <span className="text-muted">{formatUtcTime(group.at)}</span>{" "}
          <span className="text-xs text-muted">
            ({group.channels.join(", ")}
            {group.level ? `, level ${group.level}` : ""})
          </span>
          {group.failed.length === group.channels.length ? (
            <span className="ml-1 text-xs font-semibold text-down">unreached</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function PageTable({ pages, empty }: { pages: PageView[]; empty: string }) {
  if (pages.length === 0) return <EmptyState title={empty} />;
  return (
    <Table data-testid="page-table">
      <TableHead columns={["Page", "State", "Triggered", "Notified", "Acknowledged"]} />
      <tbody>
        {pages.map((page) => (
          <tr key={page.id} data-testid="page-row" data-page-id={page.id}>
            <Td>
              <Link href={`/pages/${page.id}`} className="font-medium hover:underline">
                #{page.number} <InertText text={page.title} />
              </Link>
              <div className="text-xs text-muted">
                {page.serviceName ?? (page.kind === "monitor" ? "Monitoring itself" : "—")}
              </div>
              {page.incident ? (
                <Link
                  href={`/incidents/${page.incident.id}`}
                  className="text-xs text-accent underline underline-offset-2"
                >
                  INC-{page.incident.number}
                </Link>
              ) : null}
            </Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                <PageStateBadge state={page.state} />
                <PageLevelBadge page={page} />
              </div>
              {page.unreachableAt && page.state !== "resolved" ? (
                <div className="mt-1 text-xs font-semibold text-down">Unreachable</div>
              ) : null}
            </Td>
            <Td>
              <Time iso={page.triggeredAt} />
            </Td>
            <Td>
              <NotifiedCell page={page} />
            </Td>
            <Td>
              {page.acknowledgedBy && page.acknowledgedAt ? (
                <>
                  <InertText text={page.acknowledgedBy.name} />
                  <div className="text-xs text-muted">
                    after {formatDuration(page.timeToAcknowledgeSeconds ?? 0)}
                  </div>
                </>
              ) : (
                <span className="text-muted">
                  {page.state === "resolved" ? "Resolved unacknowledged" : "Not yet"}
                </span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
