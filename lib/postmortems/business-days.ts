/**
 * Adds whole business days (Monday to Friday, in UTC) to a moment, keeping its time of day. A start on a
 * weekend counts from the next Monday, so "5 business days" from a Saturday ends on the following Friday.
 */
export function addBusinessDays(start: Date, days: number): Date {
  const result = new Date(start.getTime());
  let remaining = days;
  while (isWeekend(result)) result.setUTCDate(result.getUTCDate() + 1);
  while (remaining > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    if (!isWeekend(result)) remaining -= 1;
  }
  return result;
}

function isWeekend(date: Date): boolean {
  const day = date.getUTCDay();
  return day === 0 || day === 6;
}

export const sev1PostmortemBusinessDays = 5;
