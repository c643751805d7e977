import type { HandoffScheduleView } from "@/lib/handoffs/types";

const dayMs = 86_400_000;

export function handoffPeriodMs(schedule: Pick<HandoffScheduleView, "cadence">): number {
  return schedule.cadence === "weekly" ? 7 * dayMs : dayMs;
}

/** The last shift change at or before `now` (UTC has no daylight saving, so plain millisecond steps are exact). */
export function previousShiftChange(schedule: HandoffScheduleView, now: Date): Date {
  const todayAtChange = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
    schedule.hourUtc,
    schedule.minuteUtc,
  );
  const daysBack = schedule.cadence === "weekly" ? (now.getUTCDay() - schedule.weekday + 7) % 7 : 0;
  let change = todayAtChange - daysBack * dayMs;
  if (change > now.getTime()) change -= handoffPeriodMs(schedule);
  return new Date(change);
}

/**
 * The window a handoff written now most likely covers: the shift change nearest to now, whether it has just
 * passed (a late handoff) or is coming up (one written ahead), and one period after it. A tie goes to the next one.
 */
export function defaultHandoffWindow(
  schedule: HandoffScheduleView,
  now: Date,
): { start: Date; end: Date } {
  const period = handoffPeriodMs(schedule);
  const previous = previousShiftChange(schedule, now).getTime();
  const next = previous + period;
  const start = now.getTime() - previous < next - now.getTime() ? previous : next;
  return { start: new Date(start), end: new Date(start + period) };
}
