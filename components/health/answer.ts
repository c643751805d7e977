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
