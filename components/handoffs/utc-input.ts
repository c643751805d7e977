/** "2026-11-28T09:00": what a datetime-local input holds, read and written as UTC (never the browser's zone). */
export function isoToUtcInput(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 16);
}

/** The ISO time of a datetime-local value taken as UTC, or "" when it is not a time. */
export function utcInputToIso(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return "";
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}
