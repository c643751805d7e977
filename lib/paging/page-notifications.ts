import type { PageNotificationView } from "@/lib/paging/schema";

/** One person (or contact) reached in one step, with every method tried. */
export type PageRecipientSummary = { step: string; level: number | null; recipient: string; userId: string | null; at: string; channels: string[]; failed: { channel: string; error: string | null }[]; delivered: boolean };

export function parseStep(step: string): { level: number; round: number } | null {
  const match = /^level:(\d+):(\d+)$/.exec(step);
  return match ? { level: Number(match[1]), round: Number(match[2]) } : null;
}

/** The notifications grouped by step and recipient, oldest first: "paged Ada 03:02 (email, ntfy)". */
export function summarizeRecipients(notifications: PageNotificationView[]): PageRecipientSummary[] {
  const groups = new Map<string, PageRecipientSummary>();
  for (const item of [...notifications].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || Number(a.id) - Number(b.id))) {
    const key = `${item.step}\u0000${item.userId ?? item.recipient}`;
    const group = groups.get(key) ?? { step: item.step, level: item.level, recipient: item.recipient, userId: item.userId, at: item.createdAt, channels: [], failed: [], delivered: false };
    if (!group.channels.includes(item.channel)) group.channels.push(item.channel);
    if (item.status === "failed") group.failed.push({ channel: item.channel, error: item.error });
    if (item.status === "delivered") group.delivered = true;
    groups.set(key, group);
  }
  return [...groups.values()];
}
