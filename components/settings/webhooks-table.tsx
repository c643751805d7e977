import { WebhookRow } from "@/components/settings/webhook-row";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Th } from "@/components/ui/table";
import type { WebhookView } from "@/lib/notifications/types";

export function WebhooksTable({ webhooks }: { webhooks: WebhookView[] }) {
  if (webhooks.length === 0) {
    return (
      <EmptyState title="No webhooks yet">
        Add one above to post incident declarations, changes, status updates and resolutions to Slack or any HTTP endpoint.
      </EmptyState>
    );
  }
  return (
    <Table data-testid="webhooks-table" className="min-w-[64rem]">
      <caption className="sr-only">Outgoing webhooks</caption>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>URL</Th>
          <Th>Events</Th>
          <Th>Last delivery</Th>
          <Th>Sending</Th>
          <Th>Test</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {webhooks.map((webhook) => (
          <WebhookRow key={webhook.id} webhook={webhook} />
        ))}
      </tbody>
    </Table>
  );
}
