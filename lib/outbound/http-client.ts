import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import {
  createSecureContext,
  rootCertificates,
  type SecureContext,
  type TLSSocket,
} from "node:tls";
import {
  defaultPort,
  judgeAddress,
  judgeResolvedAddresses,
  judgeUrlSyntax,
  type AllowRule,
} from "@/lib/outbound/policy";
import type { Timings } from "@/lib/health/types";

export const maxBodyBytes = 1024 * 1024;
export const maxRedirects = 5;

export type ProbeRequest = {
  url: string;
  method?: "GET" | "POST" | "HEAD" | "PATCH";
  body?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  rules: AllowRule[];
  signal?: AbortSignal;
  /** Defaults to 1 MiB, so a huge answer cannot exhaust memory; webhook deliveries read less. */
  maxBodyBytes?: number;
  /** Where host names are looked up; the system resolver unless a test brings a hosts table of its own. */
  resolveHost?: HostResolver;
};

export type ProbeResponse = {
  ok: true;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  finalUrl: string;
  redirects: number;
  timings: Timings;
  certificateValidTo: Date | null;
};

export type ProbeFailureKind =
  "timeout" | "refused" | "dns" | "tls" | "reset" | "policy" | "redirects" | "aborted" | "network";
export type ProbeFailure = {
  ok: false;
  kind: ProbeFailureKind;
  message: string;
  finalUrl: string;
  timings: Timings;
};
export type ProbeResult = ProbeResponse | ProbeFailure;

class BlockedAddress extends Error {}
class ProbeTimeout extends Error {}

/** Looks a host name up, every address of it; the default is the system's (hosts file, then DNS), as Node's own connection would. */
export type HostResolver = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

let extraTrust: SecureContext | null = null;

/**
 * Test-only: PEM certificates that https probes trust besides Node's root store, such as the simulator's self-signed
 * ones; null goes back to the root store alone. Verification stays on: the chain, the dates and the host name are
 * still checked.
 */
export function setExtraTrustedCertificatesForTests(pems: readonly string[] | null): void {
  // Built once here rather than per probe: parsing the whole root store on every connection would slow the poller.
  extraTrust =
    pems === null || pems.length === 0
      ? null
      : createSecureContext({ ca: [...rootCertificates, ...pems] });
}

const systemResolver: HostResolver = (hostname, options) =>
  dnsLookup(hostname, { ...options, all: true });

/**
 * The connection's DNS step with the outbound policy applied to every address the name resolves to, both families.
 * Node's connection code asks for all addresses (happy eyeballs, autoSelectFamily) or for one, so both are answered.
 * Only the allowed addresses are handed to the connection, so a refused one is never connected to: that is as safe
 * as refusing the whole name, and a name such as localhost (127.0.0.1 and ::1) still works when an admin allowed
 * one of its addresses. If none is allowed the check fails as "policy", naming every refused address.
 */
export function policyLookup(
  port: number,
  rules: AllowRule[],
  resolve: HostResolver = systemResolver,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options).then(
      (resolved) =>
        process.nextTick(() => {
          const { allowed, refusal } = judgeResolvedAddresses(hostname, resolved, port, rules);
          if (refusal) return callback(new BlockedAddress(refusal), "", 0);
          const [first] = allowed;
          if (!first)
            return callback(
              Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }),
              "",
              0,
            );
          if (options.all) return callback(null, allowed);
          callback(null, first.address, first.family);
        }),
      (error: NodeJS.ErrnoException) => process.nextTick(() => callback(error, "", 0)),
    );
  };
}

function classify(error: unknown): { kind: ProbeFailureKind; message: string } {
  if (error instanceof BlockedAddress) return { kind: "policy", message: error.message };
  if (error instanceof ProbeTimeout) return { kind: "timeout", message: error.message };
  const code = (error as { code?: string }).code ?? "";
  const message = (error as Error).message ?? String(error);
  if (code === "ECONNREFUSED")
    return { kind: "refused", message: "connection refused: nothing is listening" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME")
    return { kind: "dns", message: `DNS lookup failed (${code})` };
  if (code === "ECONNRESET" || code === "EPIPE" || message === "socket hang up")
    return { kind: "reset", message: "the connection was reset before an answer" };
  if (code === "ABORT_ERR") return { kind: "aborted", message: "the check was cancelled" };
  if (/CERT|SSL|TLS|self[- ]signed|unable to verify/i.test(code + message))
    return { kind: "tls", message: `TLS failed: ${message}` };
  return { kind: "network", message: `${code || "network error"}: ${message}` };
}

function singleRequest(
  url: URL,
  request: ProbeRequest,
  deadline: number,
): Promise<ProbeResponse | ProbeFailure> {
  const started = performance.now();
  const timings: Timings = { totalMs: 0 };
  const since = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let certificateValidTo: Date | null = null;
    const finish = (result: ProbeResponse | ProbeFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      result.timings.totalMs = since();
      resolve(result);
    };
    const fail = (error: unknown) =>
      finish({ ok: false, ...classify(error), finalUrl: url.toString(), timings });
    const transport = url.protocol === "https:" ? https : http;
    const port = defaultPort(url);
    const req = transport.request(url, {
      method: request.method ?? "GET",
      headers: {
        "user-agent": "Vigil/1 (+health check)",
        accept: "application/json, */*;q=0.5",
        ...request.headers,
      },
      agent: false,
      lookup: policyLookup(port, request.rules, request.resolveHost),
      ...(extraTrust && url.protocol === "https:" ? { secureContext: extraTrust } : {}),
    });
    const timer = setTimeout(
      () =>
        req.destroy(
          new ProbeTimeout(`no complete answer within ${Math.round(request.timeoutMs / 1000)} s`),
        ),
      Math.max(0, deadline - Date.now()),
    );
    const onAbort = () => req.destroy(Object.assign(new Error("aborted"), { code: "ABORT_ERR" }));
    request.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("socket", (socket) => {
      socket.once("lookup", () => (timings.dnsMs = since()));
      socket.once("connect", () => (timings.connectMs = since()));
      socket.once("secureConnect", () => {
        timings.tlsMs = since();
        const validTo = (socket as TLSSocket).getPeerCertificate?.()?.valid_to;
        certificateValidTo = validTo ? new Date(validTo) : null;
      });
    });
    req.on("error", fail);
    req.on("response", (response) => {
      timings.firstByteMs = since();
      const chunks: Buffer[] = [];
      let received = 0;
      let truncated = false;
      const bodyLimit = request.maxBodyBytes ?? maxBodyBytes;
      const finishWithBody = () =>
        finish({
          ok: true,
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
          truncated,
          finalUrl: url.toString(),
          redirects: 0,
          timings,
          certificateValidTo,
        });
      response.on("data", (chunk: Buffer) => {
        if (truncated) return;
        received += chunk.length;
        if (received > bodyLimit) {
          truncated = true;
          chunks.push(chunk.subarray(0, chunk.length - (received - bodyLimit)));
          // Stop reading a huge body: keep the first MiB (or the caller's limit) and drop the connection.
          finishWithBody();
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", finishWithBody);
      response.on("error", fail);
      response.on("aborted", () =>
        fail(Object.assign(new Error("aborted"), { code: "ECONNRESET" })),
      );
    });
    if (request.body !== undefined && request.method !== "GET" && request.method !== "HEAD")
      req.write(request.body);
    req.end();
  });
}

/**
 * One HTTP exchange under Vigil's rules: the outbound policy before connecting (IP literals) and at
 * connect time (after DNS), a hard deadline over DNS, connect, TLS, headers and body, at most 1 MiB of
 * body, and at most 5 redirects, each one judged again.
 */
export async function probe(request: ProbeRequest): Promise<ProbeResult> {
  const deadline = Date.now() + request.timeoutMs;
  let url = new URL(request.url);
  let method = request.method ?? "GET";
  let body = request.body;
  for (let redirects = 0; ; redirects++) {
    const verdict = judgeUrlSyntax(url.toString(), request.rules);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (!verdict.allowed)
      return {
        ok: false,
        kind: "policy",
        message: verdict.reason,
        finalUrl: url.toString(),
        timings: { totalMs: 0 },
      };
    if (isIP(host)) {
      const address = judgeAddress(host, defaultPort(url), request.rules);
      if (!address.allowed)
        return {
          ok: false,
          kind: "policy",
          message: address.reason,
          finalUrl: url.toString(),
          timings: { totalMs: 0 },
        };
    }
    const result = await singleRequest(url, { ...request, method, body }, deadline);
    if (!result.ok) return result;
    const location = result.headers.location;
    if (result.status < 300 || result.status >= 400 || !location) return { ...result, redirects };
    if (redirects >= maxRedirects) {
      return {
        ok: false,
        kind: "redirects",
        message: `more than ${maxRedirects} redirects`,
        finalUrl: url.toString(),
        timings: result.timings,
      };
    }
    url = new URL(location, url);
    if (
      result.status === 303 ||
      ((result.status === 301 || result.status === 302) && method === "POST")
    ) {
      method = "GET";
      body = undefined;
    }
  }
}
