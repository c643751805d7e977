import { createHash } from "node:crypto";
import { conflictError, validationError } from "@/lib/errors";

/**
 * A retry may carry its idempotency key in the `Idempotency-Key` header or in the body; the header wins,
 * so a client library that sets the header for every retry is never overridden by a stale body field.
 */
export function withIdempotencyKey(
  request: Request,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const header = request.headers.get("idempotency-key");
  return header === null ? body : { ...body, idempotencyKey: header };
}

/** 201 when this call made the record, 200 when it replayed one made before under the same key. */
export function createdOrReplayed(created: boolean): number {
  return created ? 201 : 200;
}

/** Who sent a keyed request and what it asked for, as stored beside the key. */
export type IdempotencyFingerprint = { actor: string; bodyHash: string };

/** The same JSON whatever the order of object keys; undefined fields are left out, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/**
 * `actor` names the sender (a user id, or the label of a system caller); `request` is the parsed input
 * without the key itself, so a retry that moved the key from the body to the header is still the same request.
 */
export function idempotencyFingerprint(
  actor: string,
  request: Record<string, unknown>,
): IdempotencyFingerprint {
  const { idempotencyKey: _key, ...rest } = request;
  return { actor, bodyHash: createHash("sha256").update(canonicalJson(rest)).digest("hex") };
}

/**
 * A reused key replays the first result only for the same sender with the same request. Anything else is refused
 * rather than answered with someone else's record. Rows stored before fingerprints existed replay as before.
 */
export function assertSameKeyedRequest(
  stored: { idempotencyActor: string | null; idempotencyBodyHash: string | null },
  current: IdempotencyFingerprint,
): void {
  if (stored.idempotencyActor !== null && stored.idempotencyActor !== current.actor) {
    throw validationError(
      {
        idempotencyKey: [
          "This Idempotency-Key was already used by someone else. Use a new key for your request.",
        ],
      },
      "This Idempotency-Key was already used by someone else. Use a new key for your request.",
    );
  }
  if (stored.idempotencyBodyHash !== null && stored.idempotencyBodyHash !== current.bodyHash) {
    throw conflictError(
      "This Idempotency-Key was used for a different request. Send exactly the same request to retry it, or use a new key for a new request.",
      { idempotencyKey: ["This key was used for a different request."] },
    );
  }
}
