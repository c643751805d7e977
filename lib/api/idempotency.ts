/**
 * A retry may carry its idempotency key in the `Idempotency-Key` header or in the body; the header wins,
 * so a client library that sets the header for every retry is never overridden by a stale body field.
 */
export function withIdempotencyKey(request: Request, body: Record<string, unknown>): Record<string, unknown> {
  const header = request.headers.get("idempotency-key");
  return header === null ? body : { ...body, idempotencyKey: header };
}

/** 201 when this call made the record, 200 when it replayed one made before under the same key. */
export function createdOrReplayed(created: boolean): number {
  return created ? 201 : 200;
}
