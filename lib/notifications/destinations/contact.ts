import "server-only";
import { deliverToContact } from "@/lib/contacts/send";
import type { ContactMethodKind } from "@/lib/contacts/types";
import type { ClaimedDelivery, SendContext } from "@/lib/notifications/destinations/sender";
import type { DeliveryVerdict } from "@/lib/notifications/delivery-verdict";
import { redactUrl } from "@/lib/notifications/redact-url";
import { pageContactPayloadSchema } from "@/lib/notifications/schema";
import { recoveredStep } from "@/lib/paging/labels";

export const contactDestinationPrefix = "contact:";
const mailtoPrefix = "mailto:";

/** Where a page's message to one contact method goes in the outbox. */
export const contactMethodDestination = (methodId: string) =>
  `${contactDestinationPrefix}${methodId}`;
/** An escalation contact known only by an email address. */
export const contactEmailDestination = (address: string) =>
  `${contactDestinationPrefix}${mailtoPrefix}${address.toLowerCase()}`;

/** A contact method's target as it may be shown on a page's record: an address in full, a URL redacted. */
export function shownTarget(kind: ContactMethodKind, target: string): string {
  return kind === "email" ? target : redactUrl(target);
}

type Target = { kind: ContactMethodKind; target: string };

async function targetOf(
  delivery: ClaimedDelivery,
  context: SendContext,
): Promise<Target | { error: string }> {
  const rest = delivery.destination.slice(contactDestinationPrefix.length);
  if (rest.startsWith(mailtoPrefix))
    return { kind: "email", target: rest.slice(mailtoPrefix.length) };
  const method = await context.db.contactMethod.findUnique({
    where: { id: rest },
    select: { kind: true, target: true, enabled: true },
  });
  if (!method) return { error: "The contact method was deleted before this message was sent." };
  if (!method.enabled)
    return { error: "The contact method was disabled before this message was sent." };
  return method;
}

/**
 * The outbox's sender for `contact:` destinations: a page's message to one contact method, by email (SMTP), a
 * Slack-compatible or generic webhook, or an ntfy-style topic. Network trouble, 408/429/5xx and an SMTP server that
 * cannot be reached are retried with the outbox's backoff; anything else fails at once.
 */
export async function sendToContactMethod(
  delivery: ClaimedDelivery,
  context: SendContext,
): Promise<DeliveryVerdict> {
  const payload = pageContactPayloadSchema.safeParse(delivery.payload);
  if (!payload.success)
    return {
      outcome: "failed",
      httpStatus: null,
      error: "The message could not be read (written by another version of Vigil?).",
    };
  // A page message still waiting (retries back off for hours) is moot once someone acknowledged or it recovered.
  if (payload.data.page.step !== recoveredStep) {
    const page = await context.db.page.findUnique({
      where: { id: payload.data.page.id },
      select: { state: true },
    });
    if (!page)
      return {
        outcome: "failed",
        httpStatus: null,
        error: "The page was deleted before this message was sent.",
      };
    if (page.state !== "triggered")
      return {
        outcome: "failed",
        httpStatus: null,
        error: `Not sent: page #${payload.data.page.number} was ${page.state} before this message could be delivered.`,
      };
  }
  const target = await targetOf(delivery, context);
  if ("error" in target) return { outcome: "failed", httpStatus: null, error: target.error };
  const { message } = payload.data;
  const result = await deliverToContact(
    target,
    { ...message, at: new Date(payload.data.occurredAt) },
    { smtp: context.smtp, rules: context.rules, timeoutMs: context.timeoutMs },
  );
  if (result.status === "delivered")
    return { outcome: "delivered", httpStatus: result.httpStatus ?? null };
  const error = result.error ?? "Not delivered.";
  context.log(
    `page #${payload.data.page.number} (${payload.data.page.step}) to ${target.kind} ${shownTarget(target.kind, target.target)}: ${error}`,
  );
  return result.retry
    ? { outcome: "retry", httpStatus: result.httpStatus ?? null, error }
    : { outcome: "failed", httpStatus: result.httpStatus ?? null, error };
}
