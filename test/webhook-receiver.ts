import http, { type IncomingHttpHeaders } from "node:http";
import { listenOnHost } from "@/dev/simulator/loopback";

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
};
/** `{path}` in a body is replaced with the request's path and query, as a careless receiver might echo them. */
export type ReceiverAnswer = {
  status: number;
  body?: string;
  delayMs?: number;
  headers?: Record<string, string>;
};

export type Receiver = {
  port: number;
  url(path: string): string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; after them every request gets 200. */
  answerWith(...answers: ReceiverAnswer[]): void;
  setDefaultDelay(ms: number): void;
  close(): Promise<void>;
};

/**
 * A real HTTP receiver on a loopback address and a random port, for tests of outgoing webhooks. Tests that need
 * loopback to be refused use another address than 127.0.0.1, which other test files allow for their simulators.
 * "localhost" listens on both 127.0.0.1 and ::1, and its URLs say localhost.
 */
export async function startReceiver(host = "127.0.0.1"): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const queued: ReceiverAnswer[] = [];
  let defaultDelayMs = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const answer = queued.shift() ?? { status: 200, body: "ok" };
      setTimeout(() => {
        response.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
        response.end((answer.body ?? "").replaceAll("{path}", request.url ?? ""));
      }, answer.delayMs ?? defaultDelayMs);
    });
  });
  const listener = await listenOnHost(server, 0, host);
  const port = listener.port;
  return {
    port,
    url: (path) => `http://${host}:${port}${path}`,
    requests,
    answerWith: (...answers) => queued.push(...answers),
    setDefaultDelay: (ms) => (defaultDelayMs = ms),
    close: () => {
      server.closeAllConnections();
      return listener.close();
    },
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
