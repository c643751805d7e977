/**
 * Text and JSON from outside (a target's answer, a header, a typed field) made storable in Postgres:
 * `text` refuses NUL (22021), `jsonb` refuses the escapes \u0000 and lone surrogates (22P05), and the
 * driver turns invalid UTF-16 into U+FFFD silently. Replacements are visible, so nobody mistakes a
 * cleaned value for what the target really sent.
 */

/** U+2400 SYMBOL FOR NULL: a NUL shown, not hidden. */
export const visibleNul = "\u2400";
export const replacementCharacter = "\uFFFD";

const nulPattern = /\u0000/g;
const loneSurrogatePattern =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export type TextProblem = "nul" | "lone_surrogate";

/** What would make Postgres refuse this string, or null when it is storable as is. */
export function textProblemOf(value: string): TextProblem | null {
  if (value.includes("\u0000")) return "nul";
  loneSurrogatePattern.lastIndex = 0;
  if (loneSurrogatePattern.test(value)) return "lone_surrogate";
  return null;
}

/**
 * Cuts to at most maxLength characters, the note included (so cleaning twice changes nothing), without
 * splitting a surrogate pair, and says how much was cut.
 */
function cap(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  const note = (cut: number) => `… (${cut} more characters cut)`;
  let end = Math.max(0, maxLength - note(value.length).length);
  const last = value.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${value.slice(0, end)}${note(value.length - end)}`;
}

/** A string safe for a Postgres text or jsonb value: NUL shown as ␀, lone surrogates as U+FFFD, capped. */
export function toPostgresText(value: string, maxLength = 10_000): string {
  const cleaned = value
    .replace(nulPattern, visibleNul)
    .replace(loneSurrogatePattern, replacementCharacter);
  return cap(cleaned, maxLength);
}

/** Bytes read from a socket as storable text: invalid UTF-8 becomes U+FFFD (Buffer's decoder), then as above. */
export function bytesToPostgresText(
  bytes: Uint8Array,
  maxBytes: number,
  maxLength = maxBytes * 2,
): string {
  return toPostgresText(
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, maxBytes)).toString(
      "utf8",
    ),
    maxLength,
  );
}

export type PostgresJson =
  string | number | boolean | null | PostgresJson[] | { [key: string]: PostgresJson };

export type JsonLimits = { maxDepth: number; maxStringLength: number; maxEntries: number };
const defaultJsonLimits: JsonLimits = { maxDepth: 8, maxStringLength: 2_000, maxEntries: 200 };

/**
 * Any value as JSON jsonb accepts: strings (keys included) cleaned as text, non-finite numbers as
 * null, bigints as strings, functions and undefined dropped, and nesting, entries and strings capped.
 */
export function toPostgresJson(value: unknown, limits: Partial<JsonLimits> = {}): PostgresJson {
  const bounds = { ...defaultJsonLimits, ...limits };
  const walk = (node: unknown, depth: number): PostgresJson | undefined => {
    if (node === null) return null;
    switch (typeof node) {
      case "string":
        return toPostgresText(node, bounds.maxStringLength);
      case "number":
        return Number.isFinite(node) ? node : null;
      case "boolean":
        return node;
      case "bigint":
        return node.toString();
      case "object":
        break;
      default:
        return undefined;
    }
    if (node instanceof Date) return Number.isNaN(node.getTime()) ? null : node.toISOString();
    if (depth >= bounds.maxDepth) return "… (nested too deep, cut)";
    if (Array.isArray(node)) {
      return node.slice(0, bounds.maxEntries).flatMap((item) => {
        const cleaned = walk(item, depth + 1);
        return cleaned === undefined ? [null] : [cleaned];
      });
    }
    const result: { [key: string]: PostgresJson } = {};
    for (const [key, item] of Object.entries(node as Record<string, unknown>).slice(
      0,
      bounds.maxEntries,
    )) {
      const cleaned = walk(item, depth + 1);
      if (cleaned !== undefined) result[toPostgresText(key, 200)] = cleaned;
    }
    return result;
  };
  return walk(value, 0) ?? null;
}

/** The same value with every string and key made storable (no caps, shape kept): for parsed JSON from outside. */
export function withStorableStrings<T>(value: T): T {
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") return toPostgresText(node, Number.MAX_SAFE_INTEGER);
    if (depth > 64 || node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    return Object.fromEntries(
      Object.entries(node as Record<string, unknown>).map(([key, item]) => [
        toPostgresText(key, Number.MAX_SAFE_INTEGER),
        walk(item, depth + 1),
      ]),
    );
  };
  return walk(value, 0) as T;
}

export type TextProblemAt = { path: (string | number)[]; problem: TextProblem };

/** Every string (and key) in a parsed input that Postgres would refuse, with where it is: for 422 field errors. */
export function findTextProblems(
  value: unknown,
  path: (string | number)[] = [],
  found: TextProblemAt[] = [],
  depth = 0,
): TextProblemAt[] {
  if (depth > 32 || found.length >= 20) return found;
  if (typeof value === "string") {
    const problem = textProblemOf(value);
    if (problem) found.push({ path, problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findTextProblems(item, [...path, index], found, depth + 1));
  } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const keyProblem = textProblemOf(key);
      if (keyProblem) found.push({ path: [...path, key], problem: keyProblem });
      findTextProblems(item, [...path, key], found, depth + 1);
    }
  }
  return found;
}

export const textProblemMessages: Record<TextProblem, string> = {
  nul: "Contains a NUL character (\\u0000), which cannot be stored. Remove it.",
  lone_surrogate:
    "Contains a broken character (an unpaired UTF-16 surrogate such as \\ud800), which cannot be stored. Remove it.",
};
