"use client";

import Link from "next/link";
import { WebhookStatusBadge } from "@/components/settings/webhook-status-badge";
import { WebhookTestButton } from "@/components/settings/webhook-test-button";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { RowErrors } from "@/components/ui/row-errors";
import { Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/errors";
import { deleteWebhookAction, setWebhookEnabledAction } from "@/lib/notifications/actions";
import { deliveryEventLabel, notificationEventLabels, webhookFormatLabels } from "@/lib/notifications/labels";
import type { WebhookView } from "@/lib/notifications/types";

export const webhookColumnCount = 7;

function errorOf<T>(state: ActionResult<T> | null): string | null {
  if (!state || state.ok) return null;
  if (state.error.code === "conflict" && !state.error.fields) return "Someone changed this webhook since you opened the page. Reload it and try again.";
  const fieldMessages = Object.values(state.error.fields ?? {}).flat();
  return fieldMessages.length > 0 ? fieldMessages.join(" ") : state.error.message;
}

export function WebhookRow({ webhook }: { webhook: WebhookView }) {
  const toggle = useFormAction(setWebhookEnabledAction);
  const remove = useFormAction(deleteWebhookAction);
  const errors = [errorOf(toggle.state), errorOf(remove.state)].filter((message) => message !== null);
  return (
    <>
      <tr data-testid="webhook-row" data-webhook-name={webhook.name} className={webhook.enabled ? undefined : "text-muted"}>
        <Td className="max-w-56 break-words font-medium">
          <Link href={`/settings/webhooks/${webhook.id}`} className="underline-offset-2 hover:underline">
            {webhook.name}
          </Link>
        </Td>
        <Td className="max-w-72">
          <code className="break-all font-mono text-xs" data-testid="webhook-url">
            {webhook.redactedUrl}
          </code>
          <span className="block text-xs text-muted">{webhookFormatLabels[webhook.format]}</span>
        </Td>
        <Td className="max-w-64 text-xs">
          {webhook.events.length === 0 ? "Every event" : webhook.events.map((event) => notificationEventLabels[event]).join(", ")}
        </Td>
        <Td className="text-xs">
          {webhook.lastDelivery ? (
            <div className="flex flex-col items-start gap-0.5">
              <WebhookStatusBadge status={webhook.lastDelivery.status} />
              <span>{deliveryEventLabel(webhook.lastDelivery.event)}</span>
              <Time iso={webhook.lastDelivery.at} className="text-muted" />
            </div>
          ) : (
            <span className="text-muted">nothing sent yet</span>
          )}
        </Td>
        <Td>
          <form method="post" onSubmit={toggle.onSubmit} className="flex items-center gap-1.5">
            <input type="hidden" name="webhookId" value={webhook.id} />
            <input type="hidden" name="version" value={webhook.version} />
            <input type="hidden" name="enabled" value={webhook.enabled ? "false" : "true"} />
            <Badge tone={webhook.enabled ? "up" : "neutral"} data-testid="webhook-enabled">
              {webhook.enabled ? "enabled" : "disabled"}
            </Badge>
            <Button type="submit" size="sm" disabled={toggle.pending} data-testid="webhook-toggle" aria-label={`${webhook.enabled ? "Disable" : "Enable"} ${webhook.name}`}>
              {toggle.pending ? "Saving…" : webhook.enabled ? "Disable" : "Enable"}
            </Button>
          </form>
        </Td>
        <Td>
          <WebhookTestButton webhookId={webhook.id} webhookName={webhook.name} />
        </Td>
        <Td>
          <div className="flex items-center gap-1.5">
            <Link href={`/settings/webhooks/${webhook.id}`} className={buttonClasses("secondary", "sm")} aria-label={`Edit ${webhook.name} and see its deliveries`}>
              Edit & log
            </Link>
            <form method="post" onSubmit={remove.onSubmit}>
              <input type="hidden" name="webhookId" value={webhook.id} />
              <ConfirmButton
                label="Delete"
                question={`Delete the webhook ${webhook.name}? Its delivery log is deleted with it, and queued events are not sent.`}
                variant="danger"
                pending={remove.pending}
                testId="webhook-delete"
              />
            </form>
          </div>
        </Td>
      </tr>
      <RowErrors errors={errors} colSpan={webhookColumnCount} />
    </>
  );
}
