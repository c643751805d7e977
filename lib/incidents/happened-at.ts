export type HappenedAt = { ok: true; iso: string | null } | { ok: false; error: string };

// As the server allows: a little clock skew, never the future.
const futureToleranceMs = 60_000;
const dayMs = 86_400_000;

/**
 * Reads the scribe's "happened at" in UTC: "14:05", "14:05:30", "2026-11-28 14:05" or a full ISO time.
 * A bare time that would lie in the future means yesterday (typed just after midnight).
 */
export function parseHappenedAt(text: string, now: Date): HappenedAt {
  const value = text.trim().replace(/\s*(utc|z)$/i, "");
  if (!value) return { ok: true, iso: null };
  const future = (date: Date) => date.getTime() > now.getTime() + futureToleranceMs;

  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (clock) {
    const [hours, minutes, seconds] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (hours > 23 || minutes > 59 || seconds > 59)
      return { ok: false, error: "Use a time like 14:05 or 14:05:30 (UTC)." };
    const today = Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate(),
      hours,
      minutes,
      seconds,
    );
    const date = new Date(today);
    return { ok: true, iso: (future(date) ? new Date(today - dayMs) : date).toISOString() };
  }

  const dated = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2})(:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)$/.exec(value);
  const date = dated
    ? new Date(`${dated[1]}T${(dated[2] ?? "").padStart(2, "0")}${dated[3] ?? ""}Z`)
    : /^\d{4}-\d{2}-\d{2}T[\d:.]+[+-]\d{2}:?\d{2}$/.test(value)
      ? new Date(value)
      : null;
  if (!date || Number.isNaN(date.getTime()))
    return { ok: false, error: "Use 14:05, 14:05:30 or 2026-11-28 14:05 (UTC)." };
  if (future(date)) return { ok: false, error: "That time is in the future." };
  return { ok: true, iso: date.toISOString() };
}
