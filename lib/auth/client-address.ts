import type { RequestListener } from "node:http";
import { isIP } from "node:net";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** A dual-stack socket shows an IPv4 client as ::ffff:a.b.c.d; the throttle counts it as a.b.c.d either way. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped?.[1] ?? trimmed).toLowerCase();
}

/**
 * The X-Forwarded-For that Vigil's server hands to Next. Next keeps whatever a client sent and fills the header
 * from the socket only when it is missing, so a client could name any address it liked. Without a trusted proxy
 * the socket address replaces it; behind one (VIGIL_TRUST_PROXY), the proxy's header is kept, since the proxy
 * appended the address it saw.
 */
export function forwardedForFromSocket(
  received: string | string[] | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string | undefined {
  const kept = Array.isArray(received) ? received.join(", ") : received;
  if (trustProxy && kept?.trim()) return kept;
  return socketAddress ? normalizeAddress(socketAddress) : undefined;
}

/** Wraps the server's request listener so every request reaches Next with forwardedForFromSocket's header. */
export function withSocketForwardedFor(
  listener: RequestListener,
  trustProxy: boolean,
): RequestListener {
  return (request, response) => {
    const forwardedFor = forwardedForFromSocket(
      request.headers["x-forwarded-for"],
      request.socket.remoteAddress,
      trustProxy,
    );
    if (forwardedFor) request.headers["x-forwarded-for"] = forwardedFor;
    else delete request.headers["x-forwarded-for"];
    listener(request, response);
  };
}

/**
 * The caller's address for login throttling: the right-most X-Forwarded-For entry, which is the socket address
 * (see forwardedForFromSocket) or, behind a trusted proxy, the address that proxy saw. Entries further left
 * were written by the client and prove nothing.
 */
export function clientAddress(headers: HeaderSource): string | null {
  const hops =
    readHeader(headers, "x-forwarded-for")
      ?.split(",")
      .map((hop) => hop.trim())
      .filter(Boolean) ?? [];
  const nearest = hops.at(-1);
  if (!nearest) return null;
  const address = normalizeAddress(nearest);
  return isIP(address) ? address : null;
}
