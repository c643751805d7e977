import { z } from "zod";
import { notFoundError, validationError, type FieldErrors } from "@/lib/errors";
import { findTextProblems, textProblemMessages } from "@/lib/postgres-text";

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/**
 * Typed text Postgres cannot store (a NUL, an unpaired surrogate such as \ud800) is refused with 422
 * naming each field, before any schema or query sees it; every way in (REST bodies and queries, server
 * actions, and the domain functions the CLI and jobs call) goes through here.
 */
export function assertStorableText(input: unknown): void {
  const problems = findTextProblems(input);
  if (problems.length === 0) return;
  const fields: FieldErrors = {};
  for (const { path, problem } of problems)
    (fields[path.length > 0 ? path.join(".") : "_"] ??= []).push(textProblemMessages[problem]);
  throw validationError(
    fields,
    "Some text contains a character that cannot be stored (a NUL or a broken character); remove it and try again.",
  );
}

// Postgres' bigint and integer columns: a cursor past them must be a 422, not a failing query.
const maxBigint = BigInt("9223372036854775807");
const maxInteger = 2_147_483_647;

/** A keyset cursor over a bigint id, from a query string: positive, within Postgres' bigint. */
export const bigintCursorSchema = z.coerce
  .bigint({ message: "Use an id from a previous page." })
  .positive("Use an id from a previous page.")
  .max(maxBigint, "That id is out of range; use one from a previous page.");

/** The same over an integer column (deploy and handoff numbers). */
export const integerCursorSchema = z.coerce
  .number({ message: "Use a number from a previous page." })
  .int("Use a number from a previous page.")
  .positive("Use a number from a previous page.")
  .max(maxInteger, "That number is out of range; use one from a previous page.");

/** A bigint id kept as a string of digits (the timeline, deliveries): digits only, within Postgres' bigint. */
export const bigintIdStringSchema = (message: string) =>
  z
    .string()
    .regex(/^\d+$/, message)
    // Zod runs this even when the regex failed: only digits are judged here.
    .refine(
      (value) =>
        !/^\d+$/.test(value) ||
        (value.length <= 19 && BigInt(value) <= maxBigint && BigInt(value) > BigInt(0)),
      "That id is out of range; use one from a previous page.",
    );

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  assertStorableText(input);
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(fieldErrorsOf(result.error));
  return result.data;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shaped like a uuid: only then is it worth a lookup (a uuid column refuses other text). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

const uuidSchema = z.string().uuid();

/** An id from a URL or a caller, as a uuid; anything else is "not found", the same answer a missing row gets. */
export function idOf(value: unknown, what: string): string {
  const parsed = uuidSchema.safeParse(value);
  if (!parsed.success) throw notFoundError(what);
  return parsed.data;
}
