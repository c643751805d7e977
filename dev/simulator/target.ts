import net, { type Socket } from "node:net";
import { createSecureContext, TLSSocket, type SecureContext } from "node:tls";
import { listenOnHost, type LoopbackListener } from "@/dev/simulator/loopback";
import type { LatencySummary } from "@/dev/simulator/responses";
import type { Behaviour, RequestStats, TargetKind } from "@/dev/simulator/schema";

const latencyWindow = 256;
const maxTrackedPaths = 64;
export const otherPathsKey = "(other)";

export type AcceptConnection = (socket: Socket, target: SimulatedTarget) => void;

/** A PEM key and certificate for a target that serves HTTPS. */
export type CertificateMaterial = { key: string; cert: string; notAfter: Date };

type TargetOptions = {
  id: string;
  kind: TargetKind;
  host: string;
  port: number;
  behaviour: Behaviour;
  accept: AcceptConnection;
  tls?: CertificateMaterial;
};

type ServedCertificate = { context: SecureContext; certificate: string; notAfter: Date };

function served(material: CertificateMaterial): ServedCertificate {
  return {
    context: createSecureContext({ key: material.key, cert: material.cert }),
    certificate: material.cert,
    notAfter: material.notAfter,
  };
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/**
 * One simulated service: its own TCP listener (closed while "down", so callers get a real ECONNREFUSED) and a few
 * counters. It holds no timers; time-based behaviours compare timestamps when a request arrives.
 */
export class SimulatedTarget {
  readonly id: string;
  readonly kind: TargetKind;
  readonly host: string;
  port: number;
  behaviour: Behaviour;
  startedAt = Date.now();

  private readonly accept: AcceptConnection;
  private tls: ServedCertificate | undefined;
  private listener: LoopbackListener | undefined;
  private readonly sockets = new Set<Socket>();
  private transition: Promise<void> = Promise.resolve();
  private stopped = false;

  private lastRequestAt: number | undefined;
  private coldReadyAt = 0;
  private flapCount = 0;
  private flapFailing = false;

  private requests = 0;
  private inFlight = 0;
  private errors = 0;
  private readonly byPath = new Map<string, number>();
  private latencies: Float64Array | undefined;
  private latencyNext = 0;
  private latencyFilled = 0;
  private answered = 0;
  private latencySumSeconds = 0;

  constructor(options: TargetOptions) {
    this.id = options.id;
    this.kind = options.kind;
    this.host = options.host;
    this.port = options.port;
    this.behaviour = options.behaviour;
    this.accept = options.accept;
    this.tls = options.tls && served(options.tls);
  }

  get secure(): boolean {
    return this.tls !== undefined;
  }

  /** The PEM certificate an HTTPS target serves (a client may trust it as its own CA), or null for plain HTTP. */
  certificate(): { certificate: string; notAfter: Date } | null {
    return this.tls ? { certificate: this.tls.certificate, notAfter: this.tls.notAfter } : null;
  }

  /** Serves this certificate from the next connection on; connections already open keep the old one. */
  replaceCertificate(material: CertificateMaterial): void {
    this.tls = served(material);
  }

  get up(): boolean {
    return this.listener !== undefined;
  }

  /** Binds the port (an ephemeral one when 0), then closes it again if the target starts "down". */
  async start(): Promise<void> {
    if (this.behaviour.mode !== "down" || this.port === 0) await this.listen();
    if (this.behaviour.mode === "down") await this.close();
  }

  /** Applies a behaviour for the next request; concurrent calls are applied in order. */
  setBehaviour(behaviour: Behaviour): Promise<void> {
    const next = this.transition.then(() => this.applyBehaviour(behaviour));
    this.transition = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.close();
  }

  private async applyBehaviour(behaviour: Behaviour): Promise<void> {
    if (this.stopped) return;
    this.behaviour = behaviour;
    this.flapCount = 0;
    this.flapFailing = false;
    if (behaviour.mode === "cold-start") {
      this.lastRequestAt = undefined;
      this.coldReadyAt = 0;
    }
    if (behaviour.mode === "down") {
      await this.close();
      return;
    }
    if (!this.up) {
      try {
        await this.listen();
      } catch (error) {
        this.behaviour = { mode: "down" };
        throw error;
      }
    }
  }

  private async listen(): Promise<void> {
    const server = net.createServer((socket) => this.adopt(socket));
    const listener = await listenOnHost(server, this.port, this.host);
    server.on("error", (error) =>
      console.error(`[simulator] listener of ${this.id} failed:`, error),
    );
    this.port = listener.port;
    if (this.stopped) {
      await listener.close();
      return;
    }
    this.listener = listener;
    this.startedAt = Date.now();
  }

  private close(): Promise<void> {
    const listener = this.listener;
    if (!listener) return Promise.resolve();
    this.listener = undefined;
    const closed = listener.close();
    for (const socket of this.sockets) socket.destroy();
    return closed;
  }

  private adopt(socket: Socket): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    if (!this.tls) {
      this.accept(socket, this);
      return;
    }
    // TLS is layered on the accepted socket, so both loopback listeners and the shared HTTP parser stay as they are.
    const secure = new TLSSocket(socket, { isServer: true, secureContext: this.tls.context });
    secure.once("close", () => socket.destroy());
    this.accept(secure, this);
  }

  /** How long the request that arrives now waits before it is answered (slow and cold-start). */
  delayBeforeAnswer(behaviour: Behaviour, now: number): number {
    if (behaviour.mode === "slow") return behaviour.delayMs;
    if (behaviour.mode !== "cold-start") return 0;
    if (now < this.coldReadyAt) return this.coldReadyAt - now;
    const idle = this.lastRequestAt === undefined || now - this.lastRequestAt >= behaviour.idleMs;
    if (!idle) return 0;
    this.coldReadyAt = now + behaviour.delayMs;
    return behaviour.delayMs;
  }

  /** Flapping: the 1st, 3rd, 5th... health request succeeds, the others fail; other routes follow the last one. */
  flapFails(isHealthRoute: boolean): boolean {
    if (isHealthRoute) {
      this.flapFailing = this.flapCount % 2 === 1;
      this.flapCount += 1;
    }
    return this.flapFailing;
  }

  recordArrival(path: string, now: number): void {
    this.requests += 1;
    this.inFlight += 1;
    this.lastRequestAt = now;
    const key = this.byPath.has(path) || this.byPath.size < maxTrackedPaths ? path : otherPathsKey;
    this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
  }

  recordClosed(): void {
    this.inFlight -= 1;
  }

  recordAnswer(status: number, seconds: number): void {
    if (status >= 500) this.errors += 1;
    this.latencies ??= new Float64Array(latencyWindow);
    this.latencies[this.latencyNext] = seconds;
    this.latencyNext = (this.latencyNext + 1) % latencyWindow;
    this.latencyFilled = Math.min(this.latencyFilled + 1, latencyWindow);
    this.answered += 1;
    this.latencySumSeconds += seconds;
  }

  errorCount(): number {
    return this.errors;
  }

  latencySummary(): LatencySummary {
    const recent = (this.latencies ?? new Float64Array(0)).slice(0, this.latencyFilled).sort();
    return {
      p50: quantile(recent, 0.5),
      p95: quantile(recent, 0.95),
      p99: quantile(recent, 0.99),
      sumSeconds: this.latencySumSeconds,
      count: this.answered,
    };
  }

  requestCount(path?: string): number {
    if (path === undefined) return this.requests;
    return this.byPath.get(path) ?? 0;
  }

  requestStats(): RequestStats {
    return {
      count: this.requests,
      inFlight: this.inFlight,
      byPath: Object.fromEntries(this.byPath),
    };
  }

  uptimeSeconds(now: number): number {
    return (now - this.startedAt) / 1000;
  }
}
