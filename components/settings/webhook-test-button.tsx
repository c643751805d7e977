"use client";

import { SendTestButton } from "@/components/settings/send-test-button";
import { sendTestWebhookAction } from "@/lib/notifications/actions";

/** Queues a "webhook.test" event for this webhook only; the delivery log shows how it went. */
export function WebhookTestButton({
  webhookId,
  webhookName,
}: {
  webhookId: string;
  webhookName: string;
}) {
  return (
    <SendTestButton
      send={() => sendTestWebhookAction(webhookId)}
      name={webhookName}
      pendingLabel="Queuing…"
      testId="webhook-test"
      result={(delivery) => (
        <p role="status" className="mt-1 text-xs text-muted" data-testid="webhook-test-queued">
          Test queued (delivery {delivery.id}).
        </p>
      )}
    />
  );
}
