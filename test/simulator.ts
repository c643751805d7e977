import { startSimulator, type Simulator, type SimulatorOptions } from "@/dev/simulator/fleet";
import { allowLoopbackSimulators } from "@/test/fixtures";

/**
 * The simulated fleet for one test file, with loopback allowed so the file's services can reach it. `stop` takes the
 * allow rule away again (when this file added it) and stops the fleet.
 */
export async function startReachableSimulator(
  options: SimulatorOptions,
): Promise<{ simulator: Simulator; stop: () => Promise<void> }> {
  const simulator = await startSimulator(options);
  const releaseLoopback = await allowLoopbackSimulators({ id: null, label: "vitest" });
  return {
    simulator,
    async stop() {
      await releaseLoopback();
      await simulator.stop();
    },
  };
}
