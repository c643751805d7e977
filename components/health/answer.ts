/** An answer read on the client: checked against what the page needs before it is used, never cast. */
export type AnswerParser<T> = (value: unknown) => T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}

/** A parser from a type guard: an answer of another shape (a proxy's HTML page, an older server) is a clear error. */
export function parserOf<T>(what: string, guard: (value: unknown) => value is T): AnswerParser<T> {
  return (value) => {
    if (guard(value)) return value;
    throw new Error(`Vigil answered with something other than ${what}. Reload the page.`);
  };
}

type FieldKind = "string" | "number" | "record" | "array" | "string or null";

const fieldIs: Record<FieldKind, (value: unknown) => boolean> = {
  string: (value) => typeof value === "string",
  number: (value) => typeof value === "number",
  record: isRecord,
  array: Array.isArray,
  "string or null": isStringOrNull,
};

/** Whether `value` is a record whose named fields are of the given kinds; fields not named are not looked at. */
export function hasFields(
  value: unknown,
  kinds: Record<string, FieldKind>,
): value is Record<string, unknown> {
  return (
    isRecord(value) && Object.entries(kinds).every(([field, kind]) => fieldIs[kind](value[field]))
  );
}
