import "server-only";
import {
  maxResponseBytes,
  type DeliveryVerdict,
  judgeResponse,
} from "@/lib/notifications/delivery-verdict";
import type { ClaimedDelivery, SendContext } from "@/lib/notifications/destinations/sender";
import { renderWebhookBody } from "@/lib/notifications/payload";
import { webhookTestEvent } from "@/lib/notifications/labels";
import { redactUrl, scrubUrlSecrets } from "@/lib/notifications/redact-url";
import { probe } from "@/lib/outbound/http-client";

export async function sendToWebhook(
  delivery: ClaimedDelivery,
  context: SendContext,
): Promise<DeliveryVerdict> {
  const webhookId = delivery.destination.slice("webhook:".length);
  const webhook = await context.db.webhook.findUnique({
    where: { id: webhookId },
    select: { url: true, format: true, enabled: true },
  });
  if (!webhook)
    return { outcome: "failed", httpStatus: null, error: "The webhook no longer exists." };
  if (!webhook.enabled && delivery.event !== webhookTestEvent) {
    return {
      outcome: "failed",
      httpStatus: null,
      error: "The webhook was disabled before this event was sent.",
    };
  }
  const result = await probe({
    url: webhook.url,
    method: "POST",
    body: renderWebhookBody(webhook.format, delivery.payload),
    headers: {
      "content-type": "application/json",
      "user-agent": "Vigil/1 (+webhooks)",
      accept: "*/*",
      "x-vigil-event": delivery.event,
      "x-vigil-delivery": delivery.id.toString(),
    },
    timeoutMs: context.timeoutMs,
    rules: context.rules,
    maxBodyBytes: maxResponseBytes,
  });
  const verdict = judgeResponse(result);
  if (verdict.outcome === "delivered") return verdict;
  // Receivers and Node's errors may quote the URL; its token never reaches the log or the delivery row.
  const error = scrubUrlSecrets(verdict.error, webhook.url).slice(0, 1_000);
  context.log(
    `webhook delivery ${delivery.id} (${delivery.event}) to ${redactUrl(webhook.url)}: ${error}`,
  );
  return { ...verdict, error };
}
