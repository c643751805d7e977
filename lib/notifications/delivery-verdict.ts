import type { ProbeResult } from "@/lib/outbound/http-client";

// How one delivery attempt is judged and when the next one is due: shared by the outbox deliverer and the
// "Send test" of a contact method, which must agree on what counts as delivered.
export const deliveryTimeoutMs = 10_000;
export const maxDeliveryAttempts = 8;
export const maxResponseBytes = 64 * 1024;
const backoffSteps = [5_000, 30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000];
const maxRetryAfterMs = 60 * 60_000;

/** The wait after the given number of attempts: 5 s, 30 s, 2 min, 10 min, 30 min, then hourly. */
export function backoffMs(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), backoffSteps.length) - 1;
  return backoffSteps[index] ?? maxRetryAfterMs;
}

export type DeliveryVerdict =
  | { outcome: "delivered"; httpStatus: number | null }
  | { outcome: "retry"; httpStatus: number | null; error: string; retryAfterMs?: number }
  | { outcome: "failed"; httpStatus: number | null; error: string };

function retryAfterMsOf(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, maxRetryAfterMs) : undefined;
}

function bodyHint(body: Buffer): string {
  const text = body
    .subarray(0, 400)
    .toString("utf8")
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  return text ? `: ${text.slice(0, 200)}` : "";
}

/**
 * What one attempt's answer means: 2xx delivered; 408, 429, 5xx and network trouble are worth another
 * attempt; any other answer, a policy refusal or a redirect loop will not get better by waiting.
 */
export function judgeResponse(result: ProbeResult): DeliveryVerdict {
  if (!result.ok) {
    const permanent = result.kind === "policy" || result.kind === "redirects";
    return { outcome: permanent ? "failed" : "retry", httpStatus: null, error: result.message };
  }
  const status = result.status;
  if (status >= 200 && status < 300) return { outcome: "delivered", httpStatus: status };
  const error = `HTTP ${status}${bodyHint(result.body)}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = retryAfterMsOf(result.headers["retry-after"]);
    return {
      outcome: "retry",
      httpStatus: status,
      error,
      ...(retryAfterMs ? { retryAfterMs } : {}),
    };
  }
  return { outcome: "failed", httpStatus: status, error };
}
