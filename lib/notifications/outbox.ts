import { EventEmitter } from "node:events";
import { holoMeshFeedDestination } from "@/lib/notifications/destinations/holomesh";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OutboxNotification } from "@/lib/notifications/types";

const globalForOutbox = globalThis as unknown as { vigilOutbox?: EventEmitter };
function outboxSignal(): EventEmitter {
  globalForOutbox.vigilOutbox ??= new EventEmitter().setMaxListeners(0);
  return globalForOutbox.vigilOutbox;
}

export const webhookDestination = (webhookId: string) => `webhook:${webhookId}`;

/** Status updates and handoffs go to the HoloMesh team feed too, unless the caller says otherwise. */
const feedEvents: ReadonlySet<string> = new Set(["incident.update_posted", "handoff.created"]);

/**
 * The transactional outbox: called with the transaction that makes the change, so a notification exists
 * exactly when its change does. One row per destination and event key; a retried change adds nothing.
 * A webhook with no events listed receives every event. `feed: false` keeps it off the team feed (a handoff
 * written with "post to the team feed" unticked).
 */
export async function enqueueNotification(
  tx: Prisma.TransactionClient,
  notification: OutboxNotification,
  options: { feed?: boolean } = {},
): Promise<number> {
  const webhooks = await tx.webhook.findMany({
    where: {
      enabled: true,
      OR: [{ events: { has: notification.event } }, { events: { isEmpty: true } }],
    },
    select: { id: true },
  });
  const destinations: Array<{ webhookId: string | null; destination: string }> = webhooks.map(
    (webhook) => ({ webhookId: webhook.id, destination: webhookDestination(webhook.id) }),
  );
  // The team feed only when a HoloMesh connection with a key is configured.
  const wantsFeed = feedEvents.has(notification.event) && options.feed !== false;
  const feed = wantsFeed ? await holoMeshFeedDestination(tx) : null;
  if (feed) destinations.push({ webhookId: null, destination: feed });
  if (destinations.length === 0) return 0;
  const created = await tx.outboxDelivery.createMany({
    data: destinations.map(({ webhookId, destination }) => ({
      webhookId,
      destination,
      eventKey: notification.eventKey,
      event: notification.event,
      payload: notification as unknown as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
  return created.count;
}

/** After the enqueueing transaction commits: wake this instance's deliverer instead of waiting for its next poll. */
export function nudgeOutbox(): void {
  outboxSignal().emit("nudge");
}

export function onOutboxNudge(listener: () => void): () => void {
  outboxSignal().on("nudge", listener);
  return () => outboxSignal().off("nudge", listener);
}
