import Link from "next/link";
import { WebhookRetryButton } from "@/components/settings/webhook-retry-button";
import { WebhookStatusBadge } from "@/components/settings/webhook-status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { deliveryEventLabel } from "@/lib/notifications/labels";
import type { DeliveryPage } from "@/lib/notifications/types";

const dash = <span className="text-muted">—</span>;

/** The delivery log of one webhook, newest first, a page at a time. */
export function WebhookDeliveriesTable({
  webhookId,
  page,
  paged,
}: {
  webhookId: string;
  page: DeliveryPage;
  paged: boolean;
}) {
  const base = `/settings/webhooks/${webhookId}`;
  return (
    <div className="flex flex-col gap-2">
      {page.deliveries.length === 0 ? (
        <EmptyState title={paged ? "No older deliveries" : "Nothing sent yet"}>
          Deliveries appear here when an incident event or a test is queued for this webhook.
        </EmptyState>
      ) : (
        <Table data-testid="deliveries-table" className="min-w-[60rem]">
          <caption className="sr-only">Deliveries, newest first</caption>
          <TableHead
            columns={[
              "Delivery",
              "Event",
              "Status",
              "Attempts",
              "Last result",
              "Queued",
              "Next attempt",
              "Delivered",
            ]}
            actions
          />
          <tbody>
            {page.deliveries.map((delivery) => (
              <tr key={delivery.id} data-testid="delivery-row" data-delivery-id={delivery.id}>
                <Td className="font-mono text-xs tabular-nums">{delivery.id}</Td>
                <Td className="text-xs">{deliveryEventLabel(delivery.event)}</Td>
                <Td>
                  <WebhookStatusBadge status={delivery.status} />
                </Td>
                <Td className="tabular-nums">{delivery.attempts}</Td>
                <Td className="max-w-80 text-xs">
                  {delivery.lastHttpStatus !== null ? (
                    <span className="font-medium tabular-nums">HTTP {delivery.lastHttpStatus}</span>
                  ) : null}
                  {delivery.lastError ? (
                    <span className="block break-words text-muted">{delivery.lastError}</span>
                  ) : null}
                  {delivery.lastHttpStatus === null && !delivery.lastError ? dash : null}
                </Td>
                <Td className="text-xs">
                  <Time iso={delivery.createdAt} />
                </Td>
                <Td className="text-xs">
                  {delivery.status === "pending" ? <Time iso={delivery.nextAttemptAt} /> : dash}
                </Td>
                <Td className="text-xs">
                  {delivery.deliveredAt ? <Time iso={delivery.deliveredAt} /> : dash}
                </Td>
                <Td>
                  {delivery.status === "failed" ? (
                    <WebhookRetryButton webhookId={webhookId} deliveryId={delivery.id} />
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <nav className="flex gap-3 text-sm" aria-label="Delivery log pages">
        {paged ? (
          <Link href={base} className="underline underline-offset-2">
            Newest
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link
            href={`${base}?before=${page.nextBefore}`}
            className="underline underline-offset-2"
            data-testid="deliveries-older"
          >
            Older deliveries
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
