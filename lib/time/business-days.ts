/**
 * Business-day arithmetic in the team's time zone: Monday to Friday, minus the team's holidays
 * (local calendar dates, "YYYY-MM-DD"). Daylight-saving changes are handled by converting local
 * end-of-day back to an instant with the zone's offset on that day.
 */
export type BusinessCalendar = { timeZone: string; holidays: readonly string[] };

export const utcCalendar: BusinessCalendar = { timeZone: "UTC", holidays: [] };
export const sev1PostmortemBusinessDays = 5;

type LocalDate = { year: number; month: number; day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for a zone the runtime does not know. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function localParts(
  instant: Date,
  timeZone: string,
): LocalDate & { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetMs(instant: Date, timeZone: string): number {
  const local = localParts(instant, timeZone);
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = localParts(instant, timeZone);
  return { year, month, day };
}

const isoDate = (date: LocalDate) =>
  `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;

function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

function isBusinessDay(date: LocalDate, calendar: BusinessCalendar): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.includes(isoDate(date));
}

/** The instant a local wall-clock time happens in the zone (the later one if the clock repeats it). */
function instantOfLocal(
  date: LocalDate,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second, ms);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  // One correction settles it: the offset can differ between the wall time read as UTC and the real instant.
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/**
 * The end of the `days`-th business day after the local day of `start` (23:59:59.999 in the team's zone).
 * "Within 5 business days" of a Wednesday is the end of next Wednesday; of a Friday evening or a weekend,
 * the end of the following Friday; a holiday in between pushes it one business day further.
 */
export function businessDeadline(
  start: Date,
  days: number,
  calendar: BusinessCalendar = utcCalendar,
): Date {
  let date = localDateOf(start, calendar.timeZone);
  let remaining = days;
  while (remaining > 0) {
    date = addCalendarDays(date, 1);
    if (isBusinessDay(date, calendar)) remaining -= 1;
  }
  return instantOfLocal(date, 23, 59, 59, 999, calendar.timeZone);
}

/**
 * Whole business days from `now` to `deadline` as the team counts them: 0 on the due day itself,
 * positive while time remains ("due in 3 business days"), negative once passed ("overdue by 1 business day").
 */
export function businessDaysUntil(
  now: Date,
  deadline: Date,
  calendar: BusinessCalendar = utcCalendar,
): number {
  const today = localDateOf(now, calendar.timeZone);
  const due = localDateOf(deadline, calendar.timeZone);
  const sign = now.getTime() <= deadline.getTime() ? 1 : -1;
  let from = sign > 0 ? today : due;
  const to = sign > 0 ? due : today;
  let count = 0;
  while (isoDate(from) < isoDate(to)) {
    from = addCalendarDays(from, 1);
    if (isBusinessDay(from, calendar)) count += 1;
  }
  if (sign < 0) return -Math.max(count, 1);
  return count;
}

/** "due today", "due in 3 business days", "overdue by 1 business day". */
export function describeDueIn(businessDays: number): string {
  if (businessDays === 0) return "due today";
  const plural = (count: number) => `${count} business day${count === 1 ? "" : "s"}`;
  return businessDays > 0
    ? `due in ${plural(businessDays)}`
    : `overdue by ${plural(-businessDays)}`;
}
