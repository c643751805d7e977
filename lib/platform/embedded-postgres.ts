import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

// PGlite is one Postgres session; the socket server queues queries from its connections and keeps a
// transaction on the connection that opened it. 16 connections covers the app's pool plus the CLI.
const maxConnections = 16;

export async function startEmbeddedPostgres(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await pglite.waitReady;
  const server = new PGLiteSocketServer({
    db: pglite,
    host: "127.0.0.1",
    port: options.port ?? 0,
    maxConnections,
  });
  serializeExchanges(server, pglite);
  await server.start();
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  return {
    url,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}

type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
};
type QueryQueue = {
  queue: QueuedMessage[];
  processing: boolean;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
};

// Extended-protocol messages that leave an exchange open until the client's Sync ('S'); a simple Query ('Q') is whole.
const exchangeMessages = new Set(
  ["P", "B", "D", "E", "C", "H"].map((letter) => letter.charCodeAt(0)),
);
const syncMessage = "S".charCodeAt(0);

/**
 * pglite-socket 0.2.17 feeds PGlite one protocol message at a time from all connections. It keeps a connection's
 * messages together inside an explicit transaction, but not between Parse and Sync: another connection's Parse can
 * replace the unnamed statement before this one's Bind ("08P01 bind message supplies 2 parameters, but prepared
 * statement "" requires 6"), and a failing message stopped its queue for good. This queue hands PGlite to one
 * connection for a whole exchange (Parse…Sync) or transaction, and keeps going after an error.
 */
function serializeExchanges(server: PGLiteSocketServer, pglite: PGlite): void {
  const queryQueue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let owner: number | null = null;
  let exchangeOpen = false;

  queryQueue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        // The owner's next message is still on its way: the others wait for it.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        if (!item) break;
        const type = item.message[0] ?? 0;
        if (exchangeMessages.has(type)) exchangeOpen = true;
        else if (type === syncMessage || owner !== item.handlerId) exchangeOpen = false;
        let bytes = 0;
        try {
          await pglite.runExclusive(() =>
            pglite.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          owner = exchangeOpen || pglite.isInTransaction() ? item.handlerId : null;
          item.resolve(bytes);
        } catch (error) {
          owner = exchangeOpen || pglite.isInTransaction() ? item.handlerId : null;
          item.reject(error);
        }
      }
    } finally {
      this.processing = false;
    }
  };

  // A connection that goes away mid-exchange or mid-transaction must not hold PGlite: roll back and move on.
  queryQueue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(
    this: QueryQueue,
    handlerId: number,
  ) {
    if (owner === handlerId) {
      owner = null;
      exchangeOpen = false;
      if (pglite.isInTransaction()) await pglite.exec("ROLLBACK");
    }
    await this.processQueue();
  };
}

type RunningEmbedded = { url: string; pid: number };

function runningFile(dataDir: string) {
  return path.join(dataDir, "embedded-postgres.json");
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export type ResolvedDatabase = {
  url: string;
  embedded: EmbeddedPostgres | null;
  source: "DATABASE_URL" | "embedded" | "embedded (shared with the running app)";
};

/**
 * DATABASE_URL when set; otherwise the embedded database in the data folder. PGlite lets one process
 * open its files, so a CLI run while the app is up connects to the app's socket instead. The app itself
 * (`exclusive`) refuses to start a second time on the same folder.
 */
export async function resolveDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  port?: number;
  publish?: boolean;
  exclusive?: boolean;
}): Promise<ResolvedDatabase> {
  if (options.databaseUrl)
    return { url: options.databaseUrl, embedded: null, source: "DATABASE_URL" };
  const running = await readFile(runningFile(options.dataDir), "utf8")
    .then((text) => JSON.parse(text) as RunningEmbedded)
    .catch(() => null);
  if (running && running.pid !== process.pid && isProcessAlive(running.pid)) {
    if (options.exclusive) {
      throw new Error(
        `Vigil is already running on the embedded database in ${options.dataDir} (process ${running.pid}). Stop it first, or set DATABASE_URL.`,
      );
    }
    return { url: running.url, embedded: null, source: "embedded (shared with the running app)" };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(options.dataDir, "pgdata"),
    port: options.port,
  });
  if (options.publish) {
    await writeFile(
      runningFile(options.dataDir),
      JSON.stringify({ url: embedded.url, pid: process.pid } satisfies RunningEmbedded),
    );
    const stop = embedded.stop;
    embedded.stop = async () => {
      await rm(runningFile(options.dataDir), { force: true });
      await stop();
    };
  }
  return { url: embedded.url, embedded, source: "embedded" };
}
