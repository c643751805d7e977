import { describe, expect, it } from "vitest";
import {
  assertSameKeyedRequest,
  canonicalJson,
  idempotencyFingerprint,
} from "@/lib/api/idempotency";
import { AppError } from "@/lib/errors";

function refusalOf(act: () => void): AppError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

describe("idempotency fingerprints", () => {
  it("ignore key order, undefined fields and the key itself", () => {
    expect(
      canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: new Date("2026-01-01T00:00:00Z") }] }),
    ).toBe('{"a":[{"d":2,"e":"2026-01-01T00:00:00.000Z"}],"b":1}');
    const first = idempotencyFingerprint("user:1", {
      title: "x",
      severity: "sev1",
      idempotencyKey: "k-in-body",
    });
    const retry = idempotencyFingerprint("user:1", {
      severity: "sev1",
      title: "x",
      idempotencyKey: "k-in-header",
    });
    expect(retry).toEqual(first);
    expect(idempotencyFingerprint("user:1", { title: "y", severity: "sev1" }).bodyHash).not.toBe(
      first.bodyHash,
    );
  });

  it("replay only the same sender's same request", () => {
    const stored = idempotencyFingerprint("user:1", { title: "x" });
    const row = { idempotencyActor: stored.actor, idempotencyBodyHash: stored.bodyHash };
    expect(() =>
      assertSameKeyedRequest(row, idempotencyFingerprint("user:1", { title: "x" })),
    ).not.toThrow();

    const changed = refusalOf(() =>
      assertSameKeyedRequest(row, idempotencyFingerprint("user:1", { title: "y" })),
    );
    expect(changed.code).toBe("conflict");
    expect(changed.message).toMatch(/used for a different request/);

    const stranger = refusalOf(() =>
      assertSameKeyedRequest(row, idempotencyFingerprint("user:2", { title: "x" })),
    );
    expect(stranger.code).toBe("validation_failed");
    expect(stranger.fields?.idempotencyKey).toHaveLength(1);

    // Rows keyed before fingerprints were stored replay as before.
    expect(() =>
      assertSameKeyedRequest(
        { idempotencyActor: null, idempotencyBodyHash: null },
        idempotencyFingerprint("user:2", { title: "z" }),
      ),
    ).not.toThrow();
  });
});
