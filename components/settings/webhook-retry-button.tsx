"use client";

import { useMutation } from "@tanstack/react-query";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { retryDeliveryAction } from "@/lib/notifications/actions";

export function WebhookRetryButton({
  webhookId,
  deliveryId,
}: {
  webhookId: string;
  deliveryId: string;
}) {
  const retry = useMutation({
    mutationFn: () => runAction(() => retryDeliveryAction(webhookId, deliveryId)),
  });
  return (
    <form method="post" onSubmit={submitsWith(() => retry.mutate())}>
      <Button
        type="submit"
        size="sm"
        disabled={retry.isPending || retry.isSuccess}
        data-testid="delivery-retry"
        aria-label={`Retry delivery ${deliveryId}`}
      >
        {retry.isPending ? "Queuing…" : retry.isSuccess ? "Queued" : "Retry"}
      </Button>
      <InlineError message={refusalOf(retry.error)?.message ?? null} />
    </form>
  );
}
