const zonelessDateTime = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/;

/**
 * A date and time written without a zone ("2026-12-08T10:00") is UTC in Vigil, as every time it shows; JavaScript would
 * read it in the server's own zone. Anything else is returned as it came, for the schema to judge.
 */
export function zonelessAsUtc(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const zoneless = zonelessDateTime.exec(value.trim());
  return zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : value;
}
