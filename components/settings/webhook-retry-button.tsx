"use client";

import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { retryDeliveryAction } from "@/lib/notifications/actions";

export function WebhookRetryButton({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) {
  const { state, pending, onSubmit } = useFormAction(retryDeliveryAction);
  return (
    <form method="post" onSubmit={onSubmit}>
      <input type="hidden" name="webhookId" value={webhookId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button type="submit" size="sm" disabled={pending || state?.ok === true} data-testid="delivery-retry" aria-label={`Retry delivery ${deliveryId}`}>
        {pending ? "Queuing…" : state?.ok ? "Queued" : "Retry"}
      </Button>
      <InlineError message={state && !state.ok ? state.error.message : null} />
    </form>
  );
}
