import { createServer } from "node:http";
import next from "next";
import { withSocketForwardedFor } from "@/lib/auth/client-address";
import { env } from "@/lib/env";

/**
 * Vigil's web server: Next's own request handler behind a plain Node server, so the login throttle counts the
 * address the connection really came from (route handlers see headers only, never the socket).
 * Usage: tsx scripts/serve.ts [-p port] [-H hostname] (`npm start` runs it after building).
 */
function option(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const port = Number(option("-p") ?? env.PORT);
const hostname = option("-H");

const app = next({ dev: false, port, ...(hostname ? { hostname } : {}) });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer(withSocketForwardedFor((request, response) => void handle(request, response), env.VIGIL_TRUST_PROXY));
await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(port, hostname, resolve);
});
console.log(`[vigil] Listening on ${hostname ?? "every address"}, port ${port}${env.VIGIL_TRUST_PROXY ? " (client addresses from the proxy's X-Forwarded-For)" : ""}.`);

let stopping = false;
// Like `next start`: stop taking connections, let requests finish, close Next, exit with the signal's code.
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  const exitCode = signal === "SIGINT" ? 130 : 143;
  // Open live streams never finish on their own: they get a few seconds, as do the poller's last writes.
  setTimeout(() => process.exit(exitCode), 8_000).unref();
  server.close(() => {
    void app
      .close()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(exitCode));
  });
  server.closeIdleConnections();
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
