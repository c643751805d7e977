import net from "node:net";

export type TcpProxyMode = "pass" | "cut" | "stall";

export type TcpProxy = {
  /** The loopback port clients connect to. */
  readonly port: number;
  readonly mode: TcpProxyMode;
  /** Rewrites a postgres:// URL so it goes through this proxy instead of straight to the database. */
  urlFor(databaseUrl: string): string;
  /** Forward everything (again); bytes held while stalled are delivered now. */
  pass(): Promise<void>;
  /**
   * Like the database host going away: open connections are reset and new ones refused. With
   * keepServerSide, only Vigil's side is reset and Postgres keeps its sessions (a network partition: the
   * server has not noticed yet), until close().
   */
  cut(options?: { keepServerSide?: boolean }): Promise<void>;
  /** Like a database that hangs: connections are accepted, nothing is forwarded either way until pass(). */
  stall(): void;
  /**
   * Once: the next client message containing `marker` (e.g. "COMMIT") is delivered to the server, and then
   * the client's connection is reset before any answer: the change is applied, the answer is lost. Resolves
   * when that has happened.
   */
  loseAnswerAfter(marker: string): Promise<void>;
  /** Connections currently open through the proxy. */
  openConnections(): number;
  close(): Promise<void>;
};

type Pair = {
  client: net.Socket;
  upstream: net.Socket | null;
  heldForUpstream: Buffer[];
  heldForClient: Buffer[];
};

/** Server sides of connections whose client side a partition reset; Postgres still thinks they are open. */
type Orphans = Set<net.Socket>;

/**
 * A real TCP proxy on loopback between a client (Vigil) and a server (Postgres), for outage tests:
 * it passes bytes through, cuts (reset every connection, refuse new ones) or stalls (accept, hold
 * every byte). Nothing about Postgres is simulated; the client sees exactly what a network would do.
 */
export async function startTcpProxy(options: {
  targetHost: string;
  targetPort: number;
  listenHost?: string;
  port?: number;
}): Promise<TcpProxy> {
  const listenHost = options.listenHost ?? "127.0.0.1";
  const pairs = new Set<Pair>();
  const orphans: Orphans = new Set();
  let mode: TcpProxyMode = "pass";
  let answerLoss: { marker: Buffer; done: () => void } | null = null;
  let server: net.Server | null = null;
  let port = options.port ?? 0;

  const destroyPair = (pair: Pair, reset: boolean) => {
    pairs.delete(pair);
    for (const socket of [pair.client, pair.upstream]) {
      if (!socket || socket.destroyed) continue;
      if (reset) socket.resetAndDestroy();
      else socket.destroy();
    }
  };

  const flush = (pair: Pair) => {
    if (!pair.upstream || pair.upstream.connecting) return;
    for (const chunk of pair.heldForUpstream.splice(0)) pair.upstream.write(chunk);
    for (const chunk of pair.heldForClient.splice(0)) pair.client.write(chunk);
  };

  // The server keeps its side long enough to act on what it was sent; the client only sees its connection reset.
  const loseAnswer = (pair: Pair, done: () => void) => {
    answerLoss = null;
    const upstream = pair.upstream;
    pair.upstream = null;
    upstream?.removeAllListeners("data");
    upstream?.removeAllListeners("close");
    upstream?.on("error", () => {});
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    setTimeout(() => {
      upstream?.destroy();
      done();
    }, 500).unref();
  };

  const connectUpstream = (pair: Pair) => {
    const upstream = net.connect({ host: options.targetHost, port: options.targetPort });
    pair.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on("connect", () => {
      if (mode === "pass") flush(pair);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (mode === "pass") pair.client.write(chunk);
      else pair.heldForClient.push(chunk);
    });
    upstream.on("error", () => destroyPair(pair, true));
    upstream.on("close", () => destroyPair(pair, false));
  };

  const accept = (client: net.Socket) => {
    if (mode === "cut") {
      client.resetAndDestroy();
      return;
    }
    client.setNoDelay(true);
    const pair: Pair = { client, upstream: null, heldForUpstream: [], heldForClient: [] };
    pairs.add(pair);
    client.on("data", (chunk: Buffer) => {
      if (mode === "pass" && pair.upstream && !pair.upstream.connecting) {
        pair.upstream.write(chunk);
        if (answerLoss && chunk.includes(answerLoss.marker)) loseAnswer(pair, answerLoss.done);
      } else pair.heldForUpstream.push(chunk);
    });
    client.on("error", () => destroyPair(pair, true));
    client.on("close", () => destroyPair(pair, false));
    // A stalled database still completes the TCP handshake; only its answers never come.
    if (mode === "pass") connectUpstream(pair);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = net.createServer(accept);
      next.once("error", reject);
      next.listen({ host: listenHost, port, exclusive: true }, () => {
        next.off("error", reject);
        port = (next.address() as net.AddressInfo).port;
        server = next;
        resolve();
      });
    });

  const closeListener = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      if (!current) return resolve();
      current.close(() => resolve());
    });

  await listen();

  return {
    get port() {
      return port;
    },
    get mode() {
      return mode;
    },
    urlFor(databaseUrl: string) {
      const url = new URL(databaseUrl);
      url.hostname = listenHost;
      url.port = String(port);
      return url.toString();
    },
    async pass() {
      mode = "pass";
      if (!server) await listen();
      for (const pair of pairs) {
        if (!pair.upstream) connectUpstream(pair);
        else flush(pair);
      }
    },
    async cut(cutOptions = {}) {
      mode = "cut";
      for (const pair of [...pairs]) {
        if (cutOptions.keepServerSide && pair.upstream && !pair.upstream.destroyed) {
          const upstream = pair.upstream;
          pair.upstream = null;
          upstream.removeAllListeners();
          upstream.on("error", () => {});
          upstream.pause();
          orphans.add(upstream);
        }
        destroyPair(pair, true);
      }
      // Closing the listener makes new connections fail with ECONNREFUSED, as with a host that is down.
      await closeListener();
    },
    stall() {
      mode = "stall";
    },
    loseAnswerAfter(marker: string) {
      return new Promise<void>((resolve) => {
        answerLoss = { marker: Buffer.from(marker), done: resolve };
      });
    },
    openConnections() {
      return pairs.size;
    },
    async close() {
      mode = "cut";
      for (const orphan of orphans) orphan.destroy();
      orphans.clear();
      for (const pair of [...pairs]) destroyPair(pair, false);
      await closeListener();
    },
  };
}

/** A proxy in front of the database a URL names (host and port taken from the URL). */
export function startDatabaseProxy(databaseUrl: string): Promise<TcpProxy> {
  const url = new URL(databaseUrl);
  return startTcpProxy({
    targetHost: url.hostname || "127.0.0.1",
    targetPort: Number(url.port || 5432),
  });
}
