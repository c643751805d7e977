import type { PageNotificationView, PageView } from "@/lib/paging/types";
import { formatUtcTime } from "@/lib/time/format";

/** One person (or contact) reached in one step, with every method tried. */
export type PageRecipientSummary = {
  step: string;
  level: number | null;
  recipient: string;
  userId: string | null;
  at: string;
  channels: string[];
  failed: { channel: string; error: string | null }[];
  delivered: boolean;
};

export function parseStep(step: string): { level: number; round: number } | null {
  const match = /^level:(\d+):(\d+)$/.exec(step);
  return match ? { level: Number(match[1]), round: Number(match[2]) } : null;
}

/** The notifications grouped by step and recipient, oldest first: "paged Ada 03:02 (email, ntfy)". */
export function summarizeRecipients(notifications: PageNotificationView[]): PageRecipientSummary[] {
  const groups = new Map<string, PageRecipientSummary>();
  for (const item of [...notifications].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || Number(a.id) - Number(b.id),
  )) {
    const key = `${item.step}\u0000${item.userId ?? item.recipient}`;
    const group = groups.get(key) ?? {
      step: item.step,
      level: item.level,
      recipient: item.recipient,
      userId: item.userId,
      at: item.createdAt,
      channels: [],
      failed: [],
      delivered: false,
    };
    if (!group.channels.includes(item.channel)) group.channels.push(item.channel);
    if (item.status === "failed") group.failed.push({ channel: item.channel, error: item.error });
    if (item.status === "delivered") group.delivered = true;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** "paged Ada 03:02, level 2 at 03:07" from the notification record; nobody reachable is said as such. */
export function pagedSummary(page: Pick<PageView, "notifications">): string {
  const groups = summarizeRecipients(page.notifications).filter(
    (group) => group.step !== "recovered",
  );
  if (groups.length === 0) return "nobody notified yet";
  const reached = groups.filter((group) => !group.channels.every((channel) => channel === "none"));
  if (reached.length === 0) {
    const reasons = [...new Set(groups.flatMap((group) => group.failed.map((f) => f.error)))];
    const why = reasons.filter(Boolean).join("; ");
    return `nobody could be paged${why ? `: ${why}` : ""}`;
  }
  const firstStep = reached.find((group) => group.level === 1)?.step;
  const first = reached.filter((group) => group.step === firstStep);
  const firstAt = first[0]?.at;
  const firstPart = firstAt
    ? `paged ${first.map((group) => group.recipient).join(", ")} ${formatUtcTime(firstAt)}`
    : "";
  const latest = reached[reached.length - 1];
  const laterNames = latest
    ? reached
        .filter((group) => group.step === latest.step)
        .map((group) => group.recipient)
        .join(", ")
    : "";
  const laterPart =
    latest?.level && latest.level > 1
      ? `level ${latest.level} at ${formatUtcTime(latest.at)} (${laterNames})`
      : "";
  return [firstPart, laterPart].filter(Boolean).join(", ");
}

/** The engine writes reasons as clauses ("could not reach Ada: ..."); shown alone they start a sentence. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
