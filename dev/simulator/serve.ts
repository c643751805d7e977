import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  buildResponse,
  jsonContentType,
  oversizedPrefix,
  oversizedSuffix,
  routeFor,
  type RouteName,
  type SimulatedResponse,
} from "@/dev/simulator/responses";
import type { Behaviour } from "@/dev/simulator/schema";
import type { SimulatedTarget } from "@/dev/simulator/target";

export type RequestEvent = { id: string; method: string; path: string; at: number };

const paddingChunk = Buffer.alloc(64 * 1024, "x");

export function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** Resolves true after `ms`, or false as soon as the client (or stop()) closes the connection. */
async function waitUnlessClosed(response: ServerResponse, ms: number): Promise<boolean> {
  if (response.destroyed) return false;
  const controller = new AbortController();
  const abort = () => controller.abort();
  response.once("close", abort);
  try {
    await sleep(ms, undefined, { signal: controller.signal });
    return !response.destroyed;
  } catch {
    return false;
  } finally {
    response.off("close", abort);
  }
}

function drained(response: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (ok: boolean) => {
      response.off("drain", onDrain);
      response.off("close", onClose);
      resolve(ok);
    };
    const onDrain = () => finish(true);
    const onClose = () => finish(false);
    response.once("drain", onDrain);
    response.once("close", onClose);
  });
}

// Written chunk by chunk with backpressure, so a 5 MiB body costs one shared 64 KiB buffer, and a client that
// gives up stops the writing.
async function streamOversized(
  response: ServerResponse,
  bytes: number,
  withBody: boolean,
): Promise<void> {
  response.writeHead(200, { "content-type": jsonContentType });
  if (!withBody) {
    response.end();
    return;
  }
  let remaining = bytes - Buffer.byteLength(oversizedPrefix) - Buffer.byteLength(oversizedSuffix);
  if (!response.write(oversizedPrefix) && !(await drained(response))) return;
  while (remaining > 0) {
    if (response.destroyed) return;
    const piece =
      remaining >= paddingChunk.length ? paddingChunk : paddingChunk.subarray(0, remaining);
    remaining -= piece.length;
    if (!response.write(piece) && !(await drained(response))) return;
  }
  response.end(oversizedSuffix);
}

async function send(
  response: ServerResponse,
  simulated: SimulatedResponse,
  withBody: boolean,
): Promise<void> {
  if (response.destroyed) return;
  if ("streamBytes" in simulated) {
    await streamOversized(response, simulated.streamBytes, withBody);
    return;
  }
  const body = "bytes" in simulated ? simulated.bytes : Buffer.from(simulated.body, "utf8");
  response.writeHead(simulated.status, {
    ...("headers" in simulated ? simulated.headers : {}),
    "content-type": simulated.contentType,
    "content-length": String(body.length),
  });
  response.end(withBody ? body : undefined);
}

function answeringBehaviour(
  target: SimulatedTarget,
  behaviour: Behaviour,
  route: RouteName | undefined,
): Behaviour {
  if (behaviour.mode !== "flapping") return behaviour;
  return target.flapFails(route === "health") ? { mode: "http-502-html" } : { mode: "healthy" };
}

/** Answers one request to a target the way its current behaviour says. */
export async function serveRequest(
  target: SimulatedTarget,
  request: IncomingMessage,
  response: ServerResponse,
  notify: (event: RequestEvent) => void,
): Promise<void> {
  const arrivedAt = Date.now();
  const started = performance.now();
  const method = request.method ?? "GET";
  const path = pathOf(request.url);
  const behaviour = target.behaviour;
  const route = routeFor(target.kind, behaviour, method, path);
  const delayMs = target.delayBeforeAnswer(behaviour, arrivedAt);

  target.recordArrival(path, arrivedAt);
  response.once("close", () => target.recordClosed());
  response.once("finish", () =>
    target.recordAnswer(response.statusCode, (performance.now() - started) / 1000),
  );
  request.resume();
  notify({ id: target.id, method, path, at: arrivedAt });

  if (behaviour.mode === "hang") return;
  if (delayMs > 0 && !(await waitUnlessClosed(response, delayMs))) return;

  const now = Date.now();
  const simulated = buildResponse({
    kind: target.kind,
    behaviour: answeringBehaviour(target, behaviour, route),
    route,
    now,
    uptimeSeconds: target.uptimeSeconds(now),
    stats: { errors: target.errorCount(), latency: target.latencySummary() },
  });
  await send(response, simulated, method !== "HEAD");
}
