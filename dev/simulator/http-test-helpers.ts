import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { TLSSocket } from "node:tls";

export type FetchedText = {
  status: number;
  contentType: string | null;
  text: string;
  elapsedMs: number;
};

/** One GET with a deadline, timed; for the simulator's tests. */
export async function fetchText(url: string, timeoutMs = 5_000): Promise<FetchedText> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    text,
    elapsedMs: performance.now() - started,
  };
}

export async function fetchJson(
  url: string,
  timeoutMs = 5_000,
): Promise<{ status: number; contentType: string | null; body: unknown }> {
  const { status, contentType, text } = await fetchText(url, timeoutMs);
  return { status, contentType, body: JSON.parse(text) };
}

/** The network error code under fetch's "fetch failed" (ECONNREFUSED, ECONNRESET...), or the error's name. */
export async function fetchFailure(url: string, timeoutMs = 5_000): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
  } catch (error) {
    if (error instanceof Error) {
      const cause = error.cause;
      if (
        typeof cause === "object" &&
        cause !== null &&
        "code" in cause &&
        typeof cause.code === "string"
      )
        return cause.code;
      return error.name;
    }
    return String(error);
  }
  return "answered";
}

export type TlsAnswer =
  | { status: number; text: string; validTo: Date; remoteAddress: string | undefined }
  | { error: string };

/**
 * One HTTPS GET on a fresh connection that trusts only `ca` (fetch cannot be given a CA): the answer, or the error
 * code. `connectTo` connects to that address whatever the URL's host name resolves to; the name is still what is verified.
 */
export function fetchTls(
  url: string,
  ca: string | undefined,
  options: { timeoutMs?: number; connectTo?: string } = {},
): Promise<TlsAnswer> {
  const { connectTo } = options;
  const lookup: LookupFunction | undefined =
    connectTo === undefined
      ? undefined
      : (_hostname, lookupOptions, callback) => {
          const family = isIP(connectTo);
          if (lookupOptions.all) callback(null, [{ address: connectTo, family }]);
          else callback(null, connectTo, family);
        };
  return new Promise((resolve) => {
    const request = https.get(
      url,
      { ca, agent: false, timeout: options.timeoutMs ?? 5_000, lookup },
      (response) => {
        const socket = response.socket as TLSSocket;
        const validTo = new Date(socket.getPeerCertificate().valid_to);
        const remoteAddress = socket.remoteAddress;
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text, validTo, remoteAddress }),
        );
      },
    );
    request.on("timeout", () =>
      request.destroy(Object.assign(new Error("timed out"), { code: "TimeoutError" })),
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
  });
}
