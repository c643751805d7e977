import {
  severityLabels,
  statusLabels,
  type IncidentStatus,
  type Severity,
} from "@/lib/incidents/labels";
import type { IncidentNotification } from "@/lib/incidents/types";
import { utcDateTime } from "@/lib/handoffs/render";
import { isHttpUrl } from "@/lib/markdown";
import {
  notificationEventLabels,
  webhookTestEvent,
  type WebhookFormat,
} from "@/lib/notifications/labels";
import type {
  HandoffNotification,
  OutboxPayload,
  WebhookTestNotification,
} from "@/lib/notifications/types";

export function isHandoffNotification(
  notification: OutboxPayload,
): notification is HandoffNotification {
  return notification.event === "handoff.created" && "handoff" in notification;
}

export type SlackText = { type: "mrkdwn"; text: string };
export type SlackBlock =
  { type: "section"; text: SlackText } | { type: "context"; elements: SlackText[] };
export type SlackBody = { text: string; blocks: SlackBlock[] };

/**
 * Slack's mrkdwn turns `<…>` into links, mentions (`<!channel>`) and commands; escaping these three
 * characters is what Slack documents as making text literal, so whatever a person typed stays text.
 */
export function escapeMrkdwn(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

// Slack refuses a section whose text is over 3,000 characters; long fields are cut with an ellipsis.
const sectionLimit = 2_900;

/** Escaped, then cut to `limit` characters of the escaped text without leaving half an entity behind. */
function safe(value: string, limit: number): string {
  const escaped = escapeMrkdwn(value);
  if (escaped.length <= limit) return escaped;
  return `${escaped.slice(0, limit - 1).replace(/&[a-z]*$/, "")}…`;
}

/** A link Vigil made itself, in Slack's `<url|label>` form (label already escaped); anything but plain http(s) is shown as text. */
function slackLink(url: string, escapedLabel: string): string {
  if (!isHttpUrl(url)) return escapedLabel;
  const linkUrl = new URL(url).href
    .replaceAll("|", "%7C")
    .replaceAll("<", "%3C")
    .replaceAll(">", "%3E")
    .replaceAll("&", "&amp;");
  return `<${linkUrl}|${escapedLabel.replaceAll("|", "¦")}>`;
}

const severityMarks: Record<Severity, string> = {
  sev1: ":red_circle:",
  sev2: ":large_orange_circle:",
  sev3: ":large_yellow_circle:",
};

function severityWord(value: string): string {
  return Object.hasOwn(severityLabels, value)
    ? severityLabels[value as Severity]
    : escapeMrkdwn(value);
}

function statusWord(value: string): string {
  return Object.hasOwn(statusLabels, value)
    ? statusLabels[value as IncidentStatus]
    : escapeMrkdwn(value);
}

function incidentSlackBody(notification: IncidentNotification): SlackBody {
  const { incident } = notification;
  const headline = notificationEventLabels[notification.event];
  const resolved = notification.event === "incident.resolved";
  const mark = resolved
    ? ":white_check_mark:"
    : notification.postmortem
      ? ":memo:"
      : severityMarks[incident.severity];
  const title = safe(incident.title, 300);
  const link = notification.postmortem
    ? slackLink(notification.postmortem.url, `Postmortem for #${incident.number} ${title}`)
    : slackLink(incident.url, `#${incident.number} ${title}`);
  let change = "";
  if (notification.previous && notification.event === "incident.severity_changed") {
    change = ` (was ${severityWord(notification.previous)})`;
  } else if (
    notification.previous &&
    (notification.event === "incident.status_changed" || resolved)
  ) {
    change = ` (was ${statusWord(notification.previous)})`;
  }
  const blocks: SlackBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${mark} *${headline}*: ${link}\n*${severityLabels[incident.severity]}* · ${statusLabels[incident.status]}${change}`,
      },
    },
  ];
  if (notification.message.trim())
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: safe(notification.message, sectionLimit) },
    });
  const details = [
    notification.affected ? `*Affected:* ${safe(notification.affected, 800)}` : null,
    notification.workaround ? `*Workaround:* ${safe(notification.workaround, 1_500)}` : null,
    notification.eta ? `*Next update / ETA:* ${safe(notification.eta, 300)}` : null,
  ].filter((line): line is string => line !== null);
  if (details.length > 0)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: details.join("\n") } });
  const context = [
    incident.services.length > 0 ? `Services: ${safe(incident.services.join(", "), 1_000)}` : null,
    `By ${safe(notification.actor, 300)}`,
  ].filter((line): line is string => line !== null);
  blocks.push({ type: "context", elements: context.map((text) => ({ type: "mrkdwn", text })) });
  return {
    text: `${headline}: [${severityLabels[incident.severity]}] #${incident.number} ${title} (${statusLabels[incident.status]})`,
    blocks,
  };
}

function testSlackBody(notification: WebhookTestNotification): SlackBody {
  const text = `:wave: Test message from Vigil for the webhook “${safe(notification.webhook.name, 400)}”.`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: `Sent by ${safe(notification.actor, 300)}` }],
      },
    ],
  };
}

// A message may hold at most 50 blocks; a handoff longer than this many code sections is cut, with a pointer to Vigil.
const maxCodeSections = 12;
const fence = "```";

/** Pieces of escaped text that each fit in one code section, cut between lines where possible and never inside an entity. */
function codeChunks(escaped: string, limit: number): string[] {
  const chunks: string[] = [];
  let current = "";
  const flush = () => {
    if (current !== "") chunks.push(current);
    current = "";
  };
  for (const line of escaped.split("\n")) {
    let rest = line;
    if (current !== "" && current.length + 1 + rest.length <= limit) {
      current = `${current}\n${rest}`;
      continue;
    }
    flush();
    while (rest.length > limit) {
      // Every "&" in escaped text opens an entity: one the cut would split goes whole to the next piece.
      const entityStart = rest.lastIndexOf("&", limit - 1);
      const cut = entityStart > 0 && rest.indexOf(";", entityStart) >= limit ? entityStart : limit;
      chunks.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  flush();
  return chunks;
}

/** The handoff text in code blocks: escaped like everything typed, and no typed ``` can close the block early. */
function handoffCodeSections(text: string): { sections: string[]; cut: boolean } {
  const escaped = escapeMrkdwn(text).replace(/`{3,}/g, (run) => run.split("").join("\u200b"));
  const chunks = codeChunks(escaped, sectionLimit - 2 * (fence.length + 1) - 1);
  const kept = chunks.slice(0, maxCodeSections);
  const cut = chunks.length > kept.length;
  const sections = kept.map(
    (chunk, index) => `${fence}\n${chunk}${cut && index === kept.length - 1 ? "…" : ""}\n${fence}`,
  );
  return { sections, cut };
}

function handoffSlackBody(notification: HandoffNotification): SlackBody {
  const { handoff } = notification;
  const headline = notificationEventLabels[notification.event];
  const outgoing = safe(handoff.outgoing, 200);
  const incoming = safe(handoff.incoming, 200);
  const window = `${utcDateTime(handoff.windowStart)} – ${utcDateTime(handoff.windowEnd)}`;
  const { sections, cut } = handoffCodeSections(handoff.text);
  const blocks: SlackBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:handshake: *${headline}*: ${slackLink(handoff.url, `HO-${handoff.number}`)} from ${outgoing} to ${incoming}\n${escapeMrkdwn(window)}`,
      },
    },
    ...sections.map((text): SlackBlock => ({ type: "section", text: { type: "mrkdwn", text } })),
  ];
  const context = [
    `By ${safe(notification.actor, 300)}`,
    ...(cut ? ["The full handoff is in Vigil."] : []),
  ];
  blocks.push({ type: "context", elements: context.map((text) => ({ type: "mrkdwn", text })) });
  return {
    text: `${headline} HO-${handoff.number}: ${outgoing} → ${incoming}, ${escapeMrkdwn(window)}`,
    blocks,
  };
}

export function slackBody(notification: OutboxPayload): SlackBody {
  if (notification.event === webhookTestEvent) return testSlackBody(notification);
  return isHandoffNotification(notification)
    ? handoffSlackBody(notification)
    : incidentSlackBody(notification);
}

/** The generic format is the neutral event itself, so receivers see the same fields whatever changed. */
export function genericBody(notification: OutboxPayload): OutboxPayload {
  return notification;
}

export function webhookTestNotification(input: {
  eventKey: string;
  actor: string;
  webhookName: string;
  now?: Date;
}): WebhookTestNotification {
  return {
    event: webhookTestEvent,
    eventKey: input.eventKey,
    occurredAt: (input.now ?? new Date()).toISOString(),
    actor: input.actor,
    message: "This is a test from Vigil. If you can read it, the webhook works.",
    webhook: { name: input.webhookName },
  };
}

/** The request body for one delivery in the webhook's format. */
export function renderWebhookBody(format: WebhookFormat, notification: OutboxPayload): string {
  return JSON.stringify(format === "slack" ? slackBody(notification) : genericBody(notification));
}
