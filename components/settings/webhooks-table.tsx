import { WebhookRow } from "@/components/settings/webhook-row";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead } from "@/components/ui/table";
import type { WebhookView } from "@/lib/notifications/types";

export function WebhooksTable({ webhooks }: { webhooks: WebhookView[] }) {
  if (webhooks.length === 0) {
    return (
      <EmptyState title="No webhooks yet">
        Add one above to post incident declarations, changes, status updates and resolutions to
        Slack or any HTTP endpoint.
      </EmptyState>
    );
  }
  return (
    <Table data-testid="webhooks-table" className="min-w-[64rem]">
      <caption className="sr-only">Outgoing webhooks</caption>
      <TableHead columns={["Name", "URL", "Events", "Last delivery", "Sending", "Test"]} actions />
      <tbody>
        {webhooks.map((webhook) => (
          <WebhookRow key={webhook.id} webhook={webhook} />
        ))}
      </tbody>
    </Table>
  );
}
