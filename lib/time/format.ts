// Every time Vigil shows is in UTC, so the text is the same on server and client and never causes a hydration mismatch.

type Moment = string | Date;

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

/** The ISO text of a moment, or null when it is not a time. */
function isoText(at: Moment): string | null {
  const date = typeof at === "string" ? new Date(at) : at;
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** What is shown for something that is not a time: the text as it was given. */
const asGiven = (at: Moment) => (typeof at === "string" ? at : String(at));

/** "2026-11-27" */
export function formatUtcDate(at: Moment): string {
  return isoText(at)?.slice(0, 10) ?? asGiven(at);
}

/** "23:41", or "23:41:05" with seconds: the clock alone, for layouts that place the date and "UTC" themselves. */
export function formatUtcClock(at: Moment, { seconds = false } = {}): string {
  return isoText(at)?.slice(11, seconds ? 19 : 16) ?? asGiven(at);
}

/** "23:41 UTC", or "23:41:05 UTC" with seconds. */
export function formatUtcTime(at: Moment, options: { seconds?: boolean } = {}): string {
  return isoText(at) === null ? asGiven(at) : `${formatUtcClock(at, options)} UTC`;
}

/** "2026-11-27 23:41 UTC", or "2026-11-27 23:41:05 UTC" with seconds. */
export function formatUtcDateTime(at: Moment, options: { seconds?: boolean } = {}): string {
  return isoText(at) === null ? asGiven(at) : `${formatUtcDate(at)} ${formatUtcTime(at, options)}`;
}

/** "Fri 23:41 UTC" */
export function formatUtcWeekdayTime(at: Moment): string {
  const date = typeof at === "string" ? new Date(at) : at;
  return Number.isNaN(date.getTime())
    ? asGiven(at)
    : `${weekdays[date.getUTCDay()] ?? ""} ${formatUtcTime(date)}`;
}
