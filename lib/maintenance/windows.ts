/** Pure rules for maintenance windows: when one covers a moment, and until when. */
import type { MaintenanceRecurrence } from "@/lib/maintenance/labels";

export type { MaintenanceRecurrence } from "@/lib/maintenance/labels";

export type WindowTimes = {
  startsAt: Date;
  endsAt: Date;
  recurrence: MaintenanceRecurrence;
  endedAt: Date | null;
  cancelledAt: Date | null;
};

const weekMs = 7 * 24 * 60 * 60_000;

/** The occurrence of `window` that covers `at` ([start, end), cut short by an early end inside it), or null. */
export function occurrenceAt(window: WindowTimes, at: Date): { start: Date; end: Date } | null {
  const t = at.getTime();
  const first = window.startsAt.getTime();
  const length = window.endsAt.getTime() - first;
  if (length <= 0 || t < first) return null;
  let start = first;
  if (window.recurrence === "weekly") {
    start = first + Math.floor((t - first) / weekMs) * weekMs;
    if (window.cancelledAt && start >= window.cancelledAt.getTime()) return null;
  }
  let end = start + length;
  const ended = window.endedAt?.getTime();
  if (ended !== undefined && ended >= start && ended < end) end = ended;
  if (window.recurrence === "none" && ended !== undefined && ended < start) return null;
  return t < end ? { start: new Date(start), end: new Date(end) } : null;
}

/** The end of the covering occurrence of any of `windows` at `at` (the latest, when several overlap), or null. */
export function maintenanceUntil(windows: WindowTimes[], at: Date): Date | null {
  let until: Date | null = null;
  for (const window of windows) {
    const occurrence = occurrenceAt(window, at);
    if (occurrence && (!until || occurrence.end > until)) until = occurrence.end;
  }
  return until;
}

/** The first occurrence of `window` that begins after `at` (a one-off window ended before it began has none), or null. */
export function nextOccurrence(window: WindowTimes, at: Date): { start: Date; end: Date } | null {
  const t = at.getTime();
  const first = window.startsAt.getTime();
  const length = window.endsAt.getTime() - first;
  if (length <= 0) return null;
  if (window.recurrence === "none")
    return first > t && window.endedAt === null
      ? { start: window.startsAt, end: window.endsAt }
      : null;
  const start = t < first ? first : first + (Math.floor((t - first) / weekMs) + 1) * weekMs;
  if (window.cancelledAt && start >= window.cancelledAt.getTime()) return null;
  return { start: new Date(start), end: new Date(start + length) };
}

/** "30m", "2h", "1h30m", "90" (minutes), "1d": minutes, or null when the text is not a duration. */
export function parseDurationMinutes(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const match = /^(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$/.exec(trimmed);
  if (!match || trimmed === "" || (!match[1] && !match[2] && !match[3])) return null;
  return Number(match[1] ?? 0) * 1440 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** The start and end a parsed input means, `now` standing in for a missing start. */
export function windowTimesOf(
  input: { startsAt?: Date; endsAt?: Date; durationMinutes?: number },
  now: Date,
): { startsAt: Date; endsAt: Date } {
  const startsAt = input.startsAt ?? now;
  const endsAt =
    input.endsAt ?? new Date(startsAt.getTime() + (input.durationMinutes ?? 0) * 60_000);
  return { startsAt, endsAt };
}
