/**
 * The end (23:59:59.999 UTC) of the `days`-th business day after `start`'s day, Monday to Friday.
 * "Within 5 business days" of a Wednesday is the end of next Wednesday; of a Friday or a weekend day,
 * the end of the following Friday.
 */
export function addBusinessDays(start: Date, days: number): Date {
  const result = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  let remaining = days;
  while (remaining > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    if (!isWeekend(result)) remaining -= 1;
  }
  result.setUTCHours(23, 59, 59, 999);
  return result;
}

function isWeekend(date: Date): boolean {
  const day = date.getUTCDay();
  return day === 0 || day === 6;
}

export const sev1PostmortemBusinessDays = 5;
