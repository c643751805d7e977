"use client";

import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { sendTestWebhookAction } from "@/lib/notifications/actions";

/** Queues a "webhook.test" event for this webhook only; the delivery log shows how it went. */
export function WebhookTestButton({ webhookId, webhookName }: { webhookId: string; webhookName: string }) {
  const { state, pending, onSubmit } = useFormAction(sendTestWebhookAction);
  const error = state && !state.ok ? (Object.values(state.error.fields ?? {}).flat().join(" ") || state.error.message) : null;
  return (
    <form method="post" onSubmit={onSubmit} className="inline-flex flex-col">
      <input type="hidden" name="webhookId" value={webhookId} />
      <Button type="submit" size="sm" disabled={pending} data-testid="webhook-test" aria-label={`Send a test to ${webhookName}`}>
        {pending ? "Queuing…" : "Send test"}
      </Button>
      {state?.ok ? (
        <p role="status" className="mt-1 text-xs text-muted" data-testid="webhook-test-queued">
          Test queued (delivery {state.data.id}).
        </p>
      ) : null}
      <InlineError message={error} />
    </form>
  );
}
