"use client";

import Link from "next/link";
import { EnabledToggle, useEnabledRow } from "@/components/settings/enabled-row";
import { WebhookStatusBadge } from "@/components/settings/webhook-status-badge";
import { WebhookTestButton } from "@/components/settings/webhook-test-button";
import { buttonClasses } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { RowErrors } from "@/components/ui/row-errors";
import { Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { deleteWebhookAction, setWebhookEnabledAction } from "@/lib/notifications/actions";
import {
  deliveryEventLabel,
  notificationEventLabels,
  webhookFormatLabels,
} from "@/lib/notifications/labels";
import type { WebhookView } from "@/lib/notifications/types";

export const webhookColumnCount = 7;

const conflictMessage =
  "Someone changed this webhook since you opened the page. Reload it and try again.";

export function WebhookRow({ webhook }: { webhook: WebhookView }) {
  const { toggle, removal, errors } = useEnabledRow({
    setEnabled: () =>
      setWebhookEnabledAction(webhook.id, { version: webhook.version, enabled: !webhook.enabled }),
    remove: () => deleteWebhookAction(webhook.id),
    conflictMessage,
  });
  return (
    <>
      <tr
        data-testid="webhook-row"
        data-webhook-name={webhook.name}
        className={webhook.enabled ? undefined : "text-muted"}
      >
        <Td className="max-w-56 font-medium break-words">
          <Link
            href={`/settings/webhooks/${webhook.id}`}
            className="underline-offset-2 hover:underline"
          >
            {webhook.name}
          </Link>
        </Td>
        <Td className="max-w-72">
          <code className="font-mono text-xs break-all" data-testid="webhook-url">
            {webhook.redactedUrl}
          </code>
          <span className="block text-xs text-muted">{webhookFormatLabels[webhook.format]}</span>
        </Td>
        <Td className="max-w-64 text-xs">
          {webhook.events.length === 0
            ? "Every event"
            : webhook.events.map((event) => notificationEventLabels[event]).join(", ")}
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
          <EnabledToggle
            enabled={webhook.enabled}
            name={webhook.name}
            pending={toggle.isPending}
            onToggle={() => toggle.mutate()}
            testIdPrefix="webhook"
          />
        </Td>
        <Td>
          <WebhookTestButton webhookId={webhook.id} webhookName={webhook.name} />
        </Td>
        <Td>
          <div className="flex items-center gap-1.5">
            <Link
              href={`/settings/webhooks/${webhook.id}`}
              className={buttonClasses("secondary", "sm")}
              aria-label={`Edit ${webhook.name} and see its deliveries`}
            >
              Edit & log
            </Link>
            <form method="post" onSubmit={submitsWith(() => removal.mutate())}>
              <ConfirmButton
                label="Delete"
                question={`Delete the webhook ${webhook.name}? Its delivery log is deleted with it, and queued events are not sent.`}
                variant="danger"
                pending={removal.isPending}
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
