import { startControlApi } from "@/dev/simulator/control-api";
import { bothLoopbacks } from "@/dev/simulator/loopback";
import type {
  BehaviourInput,
  RequestStats,
  TargetCertificate,
  TargetInfo,
  TargetSpec,
  TargetTlsInput,
} from "@/dev/simulator/schema";
import { TargetRegistry, type RequestListener } from "@/dev/simulator/target-registry";

export type SimulatorOptions = {
  /**
   * Where the simulated targets listen: by default "localhost", meaning both 127.0.0.1 and ::1 on each target's port,
   * so URLs by localhost work whatever it resolves to (target URLs still say 127.0.0.1). The control API always
   * binds the loopback addresses only.
   */
  host?: string;
  /** 0 or undefined: an ephemeral port. */
  controlPort?: number;
  targets?: TargetSpec[];
};

export type Simulator = {
  controlUrl: string;
  urlOf(id: string): string;
  addTarget(spec: TargetSpec): Promise<TargetInfo>;
  removeTarget(id: string): Promise<void>;
  /** Takes effect for the next request. Throws AppError validation_failed (422) or not_found (404). */
  setBehaviour(id: string, behaviour: BehaviourInput): Promise<void>;
  /** Requests received (counted on arrival, answered or not), optionally for one path. */
  requestCount(id: string, path?: string): number;
  requestStats(id: string): RequestStats;
  getTarget(id: string): TargetInfo;
  /** The PEM certificate of a target added with `tls`, to trust in a test. Throws AppError not_found otherwise. */
  certificateOf(id: string): TargetCertificate;
  /** A new certificate for an HTTPS target (e.g. a renewal), served from its next connection on. */
  replaceCertificate(id: string, tls: TargetTlsInput): TargetCertificate;
  listTargets(): TargetInfo[];
  /** Called on every request's arrival, e.g. to measure schedule adherence; returns an unsubscribe function. */
  onRequest(listener: RequestListener): () => void;
  /** Closes every listener and destroys open connections, hung ones included. */
  stop(): Promise<void>;
};

/** The fleet `npm run simulate` starts, on consecutive ports from basePort. */
export function defaultFleet(basePort = 4101): TargetSpec[] {
  return [
    { id: "mcp", kind: "mcp", port: basePort },
    { id: "absorb", kind: "absorb", port: basePort + 1 },
    { id: "studio", kind: "studio", port: basePort + 2 },
    { id: "orchestrator", kind: "orchestrator", port: basePort + 3 },
  ];
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const registry = new TargetRegistry(options.host ?? bothLoopbacks);
  const control = await startControlApi(registry, options.controlPort ?? 0);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all([registry.stop(), control.close()]).then(() => undefined);
    return stopping;
  };
  try {
    await Promise.all((options.targets ?? []).map((spec) => registry.add(spec)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    controlUrl: control.url,
    urlOf: (id) => registry.urlOf(id),
    addTarget: (spec) => registry.add(spec),
    removeTarget: (id) => registry.remove(id),
    setBehaviour: async (id, behaviour) => {
      await registry.setBehaviour(id, behaviour);
    },
    requestCount: (id, path) => registry.requestCount(id, path),
    requestStats: (id) => registry.requestStats(id),
    getTarget: (id) => registry.info(id),
    certificateOf: (id) => registry.certificate(id),
    replaceCertificate: (id, tls) => registry.replaceCertificate(id, tls),
    listTargets: () => registry.list(),
    onRequest: (listener) => registry.onRequest(listener),
    stop,
  };
}
