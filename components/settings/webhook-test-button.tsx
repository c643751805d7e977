"use client";

import { useMutation } from "@tanstack/react-query";
import { refusalMessage } from "@/components/settings/refusal-message";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { runAction } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { sendTestWebhookAction } from "@/lib/notifications/actions";

/** Queues a "webhook.test" event for this webhook only; the delivery log shows how it went. */
export function WebhookTestButton({
  webhookId,
  webhookName,
}: {
  webhookId: string;
  webhookName: string;
}) {
  const test = useMutation({ mutationFn: () => runAction(() => sendTestWebhookAction(webhookId)) });
  return (
    <form
      method="post"
      onSubmit={submitsWith(() => test.mutate())}
      className="inline-flex flex-col"
    >
      <Button
        type="submit"
        size="sm"
        disabled={test.isPending}
        data-testid="webhook-test"
        aria-label={`Send a test to ${webhookName}`}
      >
        {test.isPending ? "Queuing…" : "Send test"}
      </Button>
      {test.isSuccess ? (
        <p role="status" className="mt-1 text-xs text-muted" data-testid="webhook-test-queued">
          Test queued (delivery {test.data.id}).
        </p>
      ) : null}
      <InlineError message={refusalMessage(test.error)} />
    </form>
  );
}
