import { InertText } from "@/components/incidents/inert-text";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { PageNotificationView } from "@/lib/paging/types";

function stepLabel(item: PageNotificationView): string {
  if (item.level !== null)
    return `Level ${item.level}${item.round ? `, repeat ${item.round}` : ""}`;
  return item.step === "recovered" ? "Recovered" : item.step;
}

/** Every notification sent for a page: who, by which method, where (redacted), when, and what became of it. */
export function NotificationRecord({ notifications }: { notifications: PageNotificationView[] }) {
  if (notifications.length === 0) return <EmptyState title="No notifications yet" />;
  return (
    <Table data-testid="page-notifications">
      <TableHead columns={["Step", "Who", "Method", "Sent", "Result"]} />
      <tbody>
        {notifications.map((item) => (
          <tr key={item.id} data-testid="page-notification">
            <Td className="whitespace-nowrap">{stepLabel(item)}</Td>
            <Td>
              <InertText text={item.recipient} />
            </Td>
            <Td>
              <span className="font-medium">{item.channel}</span>
              {item.target ? (
                <div
                  className="max-w-[18rem] truncate font-mono text-xs text-muted"
                  title={item.target}
                >
                  {item.target}
                </div>
              ) : null}
            </Td>
            <Td>
              <Time iso={item.createdAt} />
            </Td>
            <Td>
              {item.status === "delivered" ? (
                <Badge tone="up">Delivered</Badge>
              ) : item.status === "failed" ? (
                <>
                  <Badge tone="down">Failed</Badge>
                  {item.error ? (
                    <div className="mt-0.5 text-xs text-down">
                      <InertText text={item.error} />
                    </div>
                  ) : null}
                </>
              ) : (
                <Badge>Pending{item.attempts > 0 ? ` (try ${item.attempts + 1})` : ""}</Badge>
              )}
              {item.deliveredAt ? (
                <div className="text-xs text-muted">
                  at <Time iso={item.deliveredAt} />
                </div>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
