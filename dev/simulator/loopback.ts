import net from "node:net";

/**
 * The host value meaning "both loopback addresses, 127.0.0.1 and ::1, on one port", so a URL by localhost reaches
 * the server whichever address (or both) the name resolves to on this machine. Not "::": a dual-stack wildcard
 * would also listen on this machine's other interfaces.
 */
export const bothLoopbacks = "localhost";

export type LoopbackListener = { port: number; close(): Promise<void> };

function codeOf(error: unknown): string | undefined {
  return typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string"
    ? error.code
    : undefined;
}

function listenOn(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host }, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(address !== null && typeof address === "object" ? address.port : port);
    });
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

// A port taken on ::1 only can collide with the ephemeral port just given on 127.0.0.1; a few tries find a free pair.
const ephemeralAttempts = 8;

/**
 * Makes `server` listen on `host`; for `bothLoopbacks`, on 127.0.0.1 and, on the same port, on ::1 through a second
 * listener that hands its connections to `server` (so one handler and one set of connections serve both families).
 * A machine without IPv6 loopback gets the IPv4 listener alone.
 */
export async function listenOnHost(
  server: net.Server,
  port: number,
  host: string,
): Promise<LoopbackListener> {
  if (host !== bothLoopbacks) {
    const bound = await listenOn(server, port, host);
    return { port: bound, close: () => closeServer(server) };
  }
  for (let attempt = 1; ; attempt++) {
    const bound = await listenOn(server, port, "127.0.0.1");
    const twin = net.createServer((socket) => server.emit("connection", socket));
    try {
      await listenOn(twin, bound, "::1");
    } catch (error) {
      const code = codeOf(error);
      if (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT")
        return { port: bound, close: () => closeServer(server) };
      await closeServer(server);
      if (code === "EADDRINUSE" && port === 0 && attempt < ephemeralAttempts) continue;
      throw error;
    }
    twin.on("error", (error) => console.error("[simulator] the ::1 listener failed:", error));
    return {
      port: bound,
      close: () => Promise.all([closeServer(twin), closeServer(server)]).then(() => undefined),
    };
  }
}
