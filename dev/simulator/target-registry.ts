import http from "node:http";
import { isIP, type Socket } from "node:net";
import { AppError, conflictError, notFoundError, validationError } from "@/lib/errors";
import { bothLoopbacks } from "@/dev/simulator/loopback";
import { serveRequest, type RequestEvent } from "@/dev/simulator/serve";
import {
  behaviourErrorsForKind,
  behaviourSchema,
  certificateNotAfter,
  targetSpecSchema,
  targetTlsSchema,
  type RequestStats,
  type TargetCertificate,
  type TargetInfo,
  type TargetTlsInput,
} from "@/dev/simulator/schema";
import { SimulatedTarget, type CertificateMaterial } from "@/dev/simulator/target";
import { makeSelfSignedCertificate } from "@/test/certificate";
import { parseInput } from "@/lib/validation";

export type RequestListener = (event: RequestEvent) => void;

function isAddressInUse(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && error.code === "EADDRINUSE"
  );
}

function portInUse(port: number): AppError {
  return conflictError(`Port ${port} is already in use.`, {
    port: [`Port ${port} is already in use.`],
  });
}

const day = 24 * 60 * 60 * 1000;

/** A certificate for the loopback names (and the simulator's own host, if it is another), valid from a day before. */
function certificateFor(tls: TargetTlsInput, host: string): CertificateMaterial {
  const now = Date.now();
  const notAfter = certificateNotAfter(tls, now);
  const dns = ["localhost"];
  const ip = ["127.0.0.1", "::1"];
  if (![bothLoopbacks, "0.0.0.0", "::", ...dns, ...ip].includes(host))
    (isIP(host) ? ip : dns).push(host);
  const notBefore = new Date(Math.min(now, notAfter.getTime()) - day);
  const { key, cert } = makeSelfSignedCertificate({
    commonName: "localhost",
    altNames: { dns, ip },
    notBefore,
    notAfter,
  });
  return { key, cert, notAfter };
}

/** The simulated targets of one simulator and the one HTTP parser they share. */
export class TargetRegistry {
  private readonly targets = new Map<string, SimulatedTarget>();
  private readonly owners = new WeakMap<Socket, SimulatedTarget>();
  private readonly listeners = new Set<RequestListener>();
  // One http.Server that never listens parses every target's connections: a listening http.Server per target
  // would start its own 30 s housekeeping interval, which 500 idle targets should not cost.
  private readonly http: http.Server;
  private stopped = false;

  constructor(private readonly host: string) {
    this.http = http.createServer((request, response) => this.dispatch(request, response));
  }

  private dispatch(request: http.IncomingMessage, response: http.ServerResponse): void {
    const target = this.owners.get(request.socket);
    if (!target) {
      request.socket.destroy();
      return;
    }
    serveRequest(target, request, response, (event) => this.notify(event)).catch(
      (error: unknown) => {
        console.error(`[simulator] request to ${target.id} failed:`, error);
        response.destroy();
      },
    );
  }

  private notify(event: RequestEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private accept(socket: Socket, target: SimulatedTarget): void {
    this.owners.set(socket, target);
    this.http.emit("connection", socket);
  }

  private require(id: string): SimulatedTarget {
    const target = this.targets.get(id);
    if (!target) throw notFoundError(`Target "${id}"`);
    return target;
  }

  private urlFor(target: SimulatedTarget): string {
    const host =
      this.host === "0.0.0.0" || this.host === "::" || this.host === bothLoopbacks
        ? "127.0.0.1"
        : this.host;
    return `${target.secure ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${target.port}`;
  }

  private infoOf(target: SimulatedTarget): TargetInfo {
    const served = target.certificate();
    return {
      id: target.id,
      kind: target.kind,
      port: target.port,
      url: this.urlFor(target),
      up: target.up,
      behaviour: target.behaviour,
      requests: target.requestCount(),
      tls: served ? { notAfter: served.notAfter.toISOString() } : null,
    };
  }

  private certificateOf(target: SimulatedTarget): TargetCertificate {
    const served = target.certificate();
    if (!served)
      throw new AppError(
        "not_found",
        `Target "${target.id}" serves plain HTTP and has no certificate; add it with "tls".`,
      );
    return { certificate: served.certificate, notAfter: served.notAfter.toISOString() };
  }

  async add(input: unknown): Promise<TargetInfo> {
    if (this.stopped) throw new AppError("unavailable", "The simulator is stopped.");
    const spec = parseInput(targetSpecSchema, input);
    if (this.targets.has(spec.id)) {
      throw conflictError(`A target with the id "${spec.id}" already exists.`, {
        id: ["This id is taken."],
      });
    }
    const target = new SimulatedTarget({
      id: spec.id,
      kind: spec.kind,
      host: this.host,
      port: spec.port ?? 0,
      behaviour: spec.behaviour,
      accept: (socket, owner) => this.accept(socket, owner),
      tls: spec.tls && certificateFor(spec.tls, this.host),
    });
    this.targets.set(spec.id, target);
    try {
      await target.start();
    } catch (error) {
      this.targets.delete(spec.id);
      await target.stop();
      throw isAddressInUse(error) ? portInUse(spec.port ?? 0) : error;
    }
    return this.infoOf(target);
  }

  async remove(id: string): Promise<void> {
    const target = this.require(id);
    this.targets.delete(id);
    await target.stop();
  }

  async setBehaviour(id: string, input: unknown): Promise<TargetInfo> {
    const target = this.require(id);
    const behaviour = parseInput(behaviourSchema, input);
    const errors = behaviourErrorsForKind(target.kind, behaviour);
    if (errors) throw validationError(errors);
    try {
      await target.setBehaviour(behaviour);
    } catch (error) {
      throw isAddressInUse(error) ? portInUse(target.port) : error;
    }
    return this.infoOf(target);
  }

  /** The PEM certificate an HTTPS target serves, for a test to trust; not_found for a plain HTTP target. */
  certificate(id: string): TargetCertificate {
    return this.certificateOf(this.require(id));
  }

  /** A new certificate (new key, new expiry) for an HTTPS target, served from its next connection on. */
  replaceCertificate(id: string, input: unknown): TargetCertificate {
    const target = this.require(id);
    this.certificateOf(target);
    target.replaceCertificate(certificateFor(parseInput(targetTlsSchema, input), this.host));
    return this.certificateOf(target);
  }

  info(id: string): TargetInfo {
    return this.infoOf(this.require(id));
  }

  list(): TargetInfo[] {
    return [...this.targets.values()].map((target) => this.infoOf(target));
  }

  urlOf(id: string): string {
    return this.urlFor(this.require(id));
  }

  requestCount(id: string, path?: string): number {
    return this.require(id).requestCount(path);
  }

  requestStats(id: string): RequestStats {
    return this.require(id).requestStats();
  }

  onRequest(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const targets = [...this.targets.values()];
    this.targets.clear();
    this.listeners.clear();
    await Promise.all(targets.map((target) => target.stop()));
    this.http.closeAllConnections();
  }
}
