import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

// PGlite is one Postgres session; the socket server queues queries from its connections and keeps a
// transaction on the connection that opened it. 16 connections covers the app's pool plus the CLI.
const maxConnections = 16;

export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await pglite.waitReady;
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: options.port ?? 0, maxConnections });
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

export type ResolvedDatabase = { url: string; embedded: EmbeddedPostgres | null; source: "DATABASE_URL" | "embedded" | "embedded (shared with the running app)" };

/**
 * DATABASE_URL when set; otherwise the embedded database in the data folder. PGlite lets one process
 * open its files, so a CLI run while the app is up connects to the app's socket instead.
 */
export async function resolveDatabase(options: { databaseUrl?: string; dataDir: string; port?: number; publish?: boolean }): Promise<ResolvedDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: null, source: "DATABASE_URL" };
  const running = await readFile(runningFile(options.dataDir), "utf8")
    .then((text) => JSON.parse(text) as RunningEmbedded)
    .catch(() => null);
  if (running && running.pid !== process.pid && isProcessAlive(running.pid)) {
    return { url: running.url, embedded: null, source: "embedded (shared with the running app)" };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, "pgdata"), port: options.port });
  if (options.publish) {
    await writeFile(runningFile(options.dataDir), JSON.stringify({ url: embedded.url, pid: process.pid } satisfies RunningEmbedded));
    const stop = embedded.stop;
    embedded.stop = async () => {
      await rm(runningFile(options.dataDir), { force: true });
      await stop();
    };
  }
  return { url: embedded.url, embedded, source: "embedded" };
}
