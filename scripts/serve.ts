import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { withSocketForwardedFor } from "@/lib/auth/client-address";
import { resolveDatabase } from "@/lib/platform/embedded-postgres";
import { databaseUrl, env } from "@/lib/env";
import { serverEnvironment } from "@/scripts/server-environment";

/**
 * Vigil's one long-lived process: Next's own request handler behind a plain Node server, so the login throttle counts
 * the address the connection really came from (route handlers see headers only, never the socket). Without
 * DATABASE_URL it also hosts the embedded database, on a local socket the CLI can reach; the poller runs in here too
 * (instrumentation.ts). `npm start` execs it, compiled to .next/vigil-server/serve.mjs, once scripts/start.ts has
 * built, migrated and seeded; with a smaller young generation and V8's memory-saving mode, since the live heap at
 * load M is about half of what V8 otherwise lets it grow to between collections.
 * Usage: node --import tsx --import ./scripts/server-context.mjs scripts/serve.ts [-p port] [-H hostname]
 */
function option(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(option("-p") ?? env.PORT);
const hostname = option("-H") ?? (process.env.HOSTNAME || undefined);
const dataDir = path.resolve(env.VIGIL_DATA_DIR);

const database = await resolveDatabase({
  databaseUrl: databaseUrl(),
  dataDir,
  port: env.VIGIL_EMBEDDED_PG_PORT,
  publish: true,
  exclusive: true,
}).catch((error: unknown) => {
  console.error(
    `[vigil] Could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
if (database.embedded)
  console.log(`[vigil] Embedded Postgres for the CLI and pg_dump: ${database.url}`);
// Set before Next loads: Next, React and the app's own env module read them once, at their first import.
Object.assign(process.env, {
  ...(await serverEnvironment({ dataDir, port, dev: false, embedded: database.embedded !== null })),
  DATABASE_URL: database.url,
});

let exiting = false;
async function exit(exitCode: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  // The embedded database writes its files on close; anything later than that is a crash recovery on the next start.
  await database.embedded?.stop().catch((error: unknown) => console.error(error));
  process.exit(exitCode);
}

let stopping = false;
let listening: { server: Server; closeNext(): Promise<void> } | null = null;
// Like `next start`: stop taking connections, let requests finish, close Next, exit with the signal's code.
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  const exitCode = signal === "SIGINT" ? 130 : 143;
  if (!listening) return void exit(exitCode);
  const { server, closeNext } = listening;
  // Open live streams never finish on their own: they get a few seconds, as do the poller's last writes.
  setTimeout(() => void exit(exitCode), 8_000).unref();
  server.close(() => {
    void closeNext()
      .catch((error: unknown) => console.error(error))
      .finally(() => void exit(exitCode));
  });
  server.closeIdleConnections();
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

// The configuration the build resolved, handed to Next as its standalone server does: reading next.config.ts again
// would transpile it with SWC, whose native module then stays loaded (about 27 MB). Without the file, Next reads it.
const builtConfig = await readFile(path.resolve(".next", "required-server-files.json"), "utf8")
  .then((text) => (JSON.parse(text) as { config: unknown }).config)
  .catch(() => undefined);
if (builtConfig) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(builtConfig);
const { default: next } = await import("next");
const app = next({ dev: false, port, ...(hostname ? { hostname } : {}) });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer(
  withSocketForwardedFor(
    (request, response) => void handle(request, response),
    env.VIGIL_TRUST_PROXY,
  ),
);
await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(port, hostname, resolve);
}).catch(async (error: unknown) => {
  console.error(
    `[vigil] Could not listen on port ${port}: ${error instanceof Error ? error.message : String(error)}`,
  );
  await exit(1);
});
listening = { server, closeNext: () => app.close() };
console.log(
  `[vigil] Listening on ${hostname ?? "every address"}, port ${port}${env.VIGIL_TRUST_PROXY ? " (client addresses from the proxy's X-Forwarded-For)" : ""}.`,
);
console.log(`[vigil] Vigil is running at ${process.env.NEXTAUTH_URL}`);
