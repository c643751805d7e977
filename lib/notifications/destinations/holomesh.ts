import "server-only";
import { HoloMeshClient } from "@/lib/board/client";
import { loadHoloMeshConnection } from "@/lib/board/data";
import type { Db } from "@/lib/db";
import { holoMeshApiKeyFromEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { severityLabels, statusLabels } from "@/lib/incidents/labels";
import type { IncidentNotification } from "@/lib/incidents/types";
import type { ClaimedDelivery } from "@/lib/notifications/destinations/sender";
import type { DeliveryVerdict } from "@/lib/notifications/delivery-verdict";
import { isHandoffNotification } from "@/lib/notifications/payload";
import { webhookTestEvent } from "@/lib/notifications/labels";
import type { OutboxNotification } from "@/lib/notifications/types";
import type { AllowRule } from "@/lib/outbound/policy";

export const holoMeshDestinationPrefix = "holomesh:";

/** Where an incident status update or a handoff also goes: the team feed, when a connection with a key is configured. */
export async function holoMeshFeedDestination(
  tx: Prisma.TransactionClient,
): Promise<string | null> {
  const row = await tx.holoMeshConnection.findUnique({
    where: { id: 1 },
    select: { teamId: true, apiKeyCiphertext: true },
  });
  if (!row?.teamId || (!row.apiKeyCiphertext && !holoMeshApiKeyFromEnv())) return null;
  return `${holoMeshDestinationPrefix}${row.teamId}`;
}

const feedLimit = 2_000;
// A handoff is posted whole: the incoming on-call reads it there. Only an extreme one is cut.
const handoffFeedLimit = 20_000;

export type FeedMessageType = "text" | "handoff";

const cutTo = (text: string, limit: number) =>
  text.length > limit ? `${text.slice(0, limit - 1)}…` : text;

/** What goes to the team feed: a handoff as a `handoff` message holding the filled-in template, anything else as `text`. */
export function feedMessageOf(notification: OutboxNotification): {
  content: string;
  type: FeedMessageType;
} {
  if (isHandoffNotification(notification))
    return { content: cutTo(notification.handoff.text, handoffFeedLimit), type: "handoff" };
  return { content: incidentFeedText(notification), type: "text" };
}

/** Plain text for the team feed (HoloMesh shows it as text; nothing in it is markup). */
function incidentFeedText(notification: IncidentNotification): string {
  const { incident } = notification;
  const lines = [
    `[Vigil] INC-${incident.number} ${incident.title} — ${severityLabels[incident.severity]}, ${statusLabels[incident.status]}`,
    notification.message.trim(),
    notification.affected ? `Affected: ${notification.affected}` : "",
    notification.workaround ? `Workaround: ${notification.workaround}` : "",
    notification.eta ? `Next update / ETA: ${notification.eta}` : "",
    `${incident.url} (by ${notification.actor})`,
  ].filter((line) => line !== "");
  return cutTo(lines.join("\n"), feedLimit);
}

/** The deliverer's sender for `holomesh:<teamId>`: POST .../message; a key that may not post is "not permitted", not a crash. */
export async function sendToHoloMeshFeed(
  delivery: ClaimedDelivery,
  context: { db: Db; rules: AllowRule[]; timeoutMs: number },
): Promise<DeliveryVerdict> {
  if (delivery.payload.event === webhookTestEvent)
    return {
      outcome: "failed",
      httpStatus: null,
      error: "The HoloMesh feed receives incident updates and handoffs only.",
    };
  const teamId = delivery.destination.slice(holoMeshDestinationPrefix.length);
  const connection = await loadHoloMeshConnection(context.db);
  if (connection.teamId !== teamId)
    return {
      outcome: "failed",
      httpStatus: null,
      error: `Vigil is no longer connected to HoloMesh team ${teamId}.`,
    };
  if (!connection.apiKey)
    return {
      outcome: "failed",
      httpStatus: null,
      error: connection.keyProblem ?? "No HoloMesh API key is configured.",
    };
  const client = new HoloMeshClient({
    baseUrl: connection.baseUrl,
    teamId,
    apiKey: connection.apiKey,
    rules: context.rules,
    timeoutMs: context.timeoutMs,
    retryDelaysMs: [],
  });
  const message = feedMessageOf(delivery.payload);
  const answer = await client.postMessage(message.content, message.type);
  if (answer.ok) return { outcome: "delivered", httpStatus: answer.httpStatus };
  if (answer.kind === "signing_rejected") {
    return {
      outcome: "failed",
      httpStatus: answer.httpStatus,
      error: `Not permitted: ${answer.message} Posting to the team feed needs a founder key or signed requests.`,
    };
  }
  const worthRetrying = [
    "refused",
    "unreachable",
    "timeout",
    "rate_limited",
    "server_error",
  ].includes(answer.kind);
  return {
    outcome: worthRetrying ? "retry" : "failed",
    httpStatus: answer.httpStatus,
    error: answer.message,
  };
}
