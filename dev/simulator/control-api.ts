import http from "node:http";
import {
  AppError,
  httpStatusByCode,
  notFoundError,
  toErrorBody,
  validationError,
} from "@/lib/errors";
import { bothLoopbacks, listenOnHost } from "@/dev/simulator/loopback";
import type { TargetRegistry } from "@/dev/simulator/target-registry";

const bodyLimitBytes = 64 * 1024;

export type ControlApi = { url: string; close(): Promise<void> };

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

function methodNotAllowed(allow: string): Reply {
  return {
    status: 405,
    body: { error: { code: "method_not_allowed", message: `Use ${allow} on this path.` } },
    headers: { allow },
  };
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", "The request body is larger than 64 KiB.");
}

// Reads with listeners rather than for-await: leaving a for-await early destroys the socket, and the client would
// get a reset instead of the 413.
function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let rejected = false;
    request.on("data", (chunk: Buffer) => {
      if (rejected) return;
      received += chunk.length;
      if (received > bodyLimitBytes) {
        rejected = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const contentType = (request.headers["content-type"] ?? "").toLowerCase();
  if (!contentType.startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  if (Number(request.headers["content-length"] ?? "0") > bodyLimitBytes) throw tooLarge();
  const text = (await readBody(request)).toString("utf8");
  try {
    return text === "" ? {} : JSON.parse(text);
  } catch {
    throw validationError({ _: ["The body is not valid JSON."] }, "The body is not valid JSON.");
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFoundError(`Target "${segment}"`);
  }
}

async function route(registry: TargetRegistry, request: http.IncomingMessage): Promise<Reply> {
  const method = request.method ?? "GET";
  const path = new URL(request.url ?? "/", "http://control.invalid").pathname;
  const segments = path.split("/").filter((segment) => segment !== "");
  if (segments[0] !== "targets" || segments.length > 3)
    throw new AppError("not_found", "No such control endpoint.");
  const id = segments[1] === undefined ? undefined : decodeSegment(segments[1]);
  const action = segments[2];

  if (id === undefined) {
    if (method === "GET") return { status: 200, body: { targets: registry.list() } };
    if (method === "POST") {
      const info = await registry.add(await readJson(request));
      return {
        status: 201,
        body: info,
        headers: { location: `/targets/${encodeURIComponent(info.id)}` },
      };
    }
    return methodNotAllowed("GET, POST");
  }
  if (action === undefined) {
    if (method === "GET") return { status: 200, body: registry.info(id) };
    if (method === "DELETE") {
      await registry.remove(id);
      return { status: 204 };
    }
    return methodNotAllowed("GET, DELETE");
  }
  if (action === "behaviour") {
    if (method !== "PUT") return methodNotAllowed("PUT");
    registry.info(id); // an unknown target answers 404 before its body is judged
    return { status: 200, body: await registry.setBehaviour(id, await readJson(request)) };
  }
  if (action === "certificate") {
    if (method === "GET") return { status: 200, body: registry.certificate(id) };
    if (method === "PUT") {
      registry.certificate(id); // a plain HTTP or unknown target answers 404 before its body is judged
      return { status: 200, body: registry.replaceCertificate(id, await readJson(request)) };
    }
    return methodNotAllowed("GET, PUT");
  }
  if (action === "requests") {
    if (method !== "GET") return methodNotAllowed("GET");
    return { status: 200, body: registry.requestStats(id) };
  }
  throw new AppError("not_found", "No such control endpoint.");
}

function errorReply(error: unknown): Reply {
  if (error instanceof AppError)
    return { status: httpStatusByCode[error.code], body: { error: toErrorBody(error) } };
  console.error("[simulator] control API error:", error);
  return {
    status: 500,
    body: { error: { code: "internal", message: "The simulator failed to handle this request." } },
  };
}

function write(response: http.ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    response.writeHead(reply.status, { ...reply.headers });
    response.end();
    return;
  }
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    ...reply.headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
  });
  response.end(body);
}

/** The JSON control API, on the loopback addresses only (127.0.0.1 and ::1): it changes what the simulated services answer. */
export function startControlApi(registry: TargetRegistry, port: number): Promise<ControlApi> {
  const server = http.createServer((request, response) => {
    route(registry, request)
      .catch(errorReply)
      .then((reply) => {
        // The rest of a rejected body may still be arriving: answer, then close the connection instead of reading it.
        if (reply.status === 413 || reply.status === 415) response.setHeader("connection", "close");
        write(response, reply);
      })
      .catch((error: unknown) => {
        console.error("[simulator] control API could not answer:", error);
        response.destroy();
      });
  });
  return listenOnHost(server, port, bothLoopbacks).then((listener) => ({
    url: `http://127.0.0.1:${listener.port}`,
    close: () => {
      const closed = listener.close();
      server.closeAllConnections();
      return closed;
    },
  }));
}
