import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { encode } from "next-auth/jwt";
import { authSecret, startSession } from "@/lib/auth/session";

// Each route's handler names its own params; the server hands them over as given.
type RouteHandler = (request: Request, context: never) => Promise<Response>;

function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(new URL(incoming.url ?? "/", origin), {
    method: incoming.method,
    headers,
    signal,
    ...(hasBody
      ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" }
      : {}),
  } as RequestInit);
}

/**
 * Serves one route handler on a real loopback HTTP server, the way Next hands it a Request and streams its
 * Response: the request's signal aborts when the client goes away.
 */
export async function serveRouteHandler(
  handler: RouteHandler,
  params: Record<string, string> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  let origin = "";
  const server: Server = createServer((incoming, outgoing) => {
    const aborted = new AbortController();
    outgoing.on("close", () => aborted.abort());
    void handler(toRequest(incoming, origin, aborted.signal), {
      params: Promise.resolve(params),
    } as never).then(async (response) => {
      outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      outgoing.flushHeaders();
      if (!response.body) return outgoing.end();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader
          .read()
          .catch(() => ({ done: true as const, value: undefined }));
        if (done) break;
        outgoing.write(value);
      }
      outgoing.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A session cookie exactly as next-auth writes it after a sign-in, with its server-side session record. */
export async function sessionCookieFor(user: {
  id: string;
  sessionVersion: number;
}): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await startSession(user.id);
  const token = await encode({
    token: { sub: user.id, sv: user.sessionVersion, sid: sessionId },
    secret: authSecret(),
  });
  return { cookie: `next-auth.session-token=${token}`, sessionId };
}
