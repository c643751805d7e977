import { startSimulator } from "@/dev/simulator/fleet";

// A simulated fleet in its own process, so the benchmark measures the poller's memory, not the targets'.
const count = Number(process.argv[2] ?? 500);
const hungShare = Number(process.argv[3] ?? 0.1);
const hung = Math.round(count * hungShare);
const simulator = await startSimulator({
  targets: Array.from({ length: count }, (_, index) => ({
    id: `t${index}`,
    kind: "generic" as const,
    behaviour: index < hung ? { mode: "hang" as const } : { mode: "healthy" as const },
  })),
});
process.stdout.write(
  `${JSON.stringify(simulator.listTargets().map((target) => ({ id: target.id, url: target.url, hung: target.behaviour.mode === "hang" })))}\n`,
);
process.on("SIGTERM", () => void simulator.stop().then(() => process.exit(0)));
