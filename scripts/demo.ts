import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ServiceInput } from "@/lib/services/types";
import { defaultFleet, startSimulator } from "@/dev/simulator/fleet";
import {
  demoOwnerKey,
  demoTeamId,
  seedDemoTeam,
  startHoloMeshSimulator,
} from "@/dev/simulator/holomesh";

// `npm run demo`: the simulated HoloScript fleet plus Vigil on its own embedded database, pointed at it.
const controlPort = 4100;
const basePort = 4101;
const dataDir = path.resolve(".vigil", "demo");
const url = (port: number) => `http://127.0.0.1:${port}`;

const simulator = await startSimulator({ controlPort, targets: defaultFleet(basePort) });
const holoMeshPort = basePort + 4;
const holoMesh = await startHoloMeshSimulator({ port: holoMeshPort });
seedDemoTeam(holoMesh);
/** One service of the simulated fleet, checked every 10 s. */
function simulatedService(
  name: string,
  port: number,
  profile: ServiceInput["profile"],
  tags: string[],
  links?: ServiceInput["links"],
): ServiceInput {
  return {
    name,
    baseUrl: url(port),
    profile,
    intervalSeconds: 10,
    timeoutSeconds: 5,
    tags: [...tags, "simulated"],
    ...(links ? { links } : {}),
  };
}
const services: ServiceInput[] = [
  simulatedService("MCP server", basePort, "holoscript_mcp", ["mcp", "holomesh"], {
    railway: "mcp-server",
    repository: "packages/mcp-server",
  }),
  simulatedService("Absorb", basePort + 1, "absorb", ["absorb"], {
    railway: "absorb-service",
    repository: "packages/absorb-service",
  }),
  simulatedService("Studio", basePort + 2, "studio", ["studio"], {
    railway: "studio",
    repository: "packages/studio",
  }),
  simulatedService("Orchestrator", basePort + 3, "generic_json", ["orchestrator"]),
];
await mkdir(dataDir, { recursive: true });
const fleetFile = path.join(dataDir, "fleet.json");
// The allow rule covers the HoloMesh simulator's port too (basePort + 4).
const holoMeshConnection = { baseUrl: holoMesh.url, teamId: demoTeamId };
await writeFile(
  fleetFile,
  JSON.stringify(
    {
      services,
      allowRules: [`127.0.0.1:${controlPort}-${basePort + 99}`],
      holoMesh: holoMeshConnection,
    },
    null,
    2,
  ),
);

console.log(
  `[demo] Simulated fleet: MCP ${url(basePort)}, Absorb ${url(basePort + 1)}, Studio ${url(basePort + 2)}, Orchestrator ${url(basePort + 3)}`,
);
console.log("[demo] Break something and watch the overview change within seconds, e.g.:");
console.log(
  `  curl -X PUT ${simulator.controlUrl}/targets/mcp/behaviour -H 'content-type: application/json' -d '{"mode":"degraded","variant":"team-store-memory"}'`,
);
console.log(
  `  curl -X PUT ${simulator.controlUrl}/targets/absorb/behaviour -H 'content-type: application/json' -d '{"mode":"down"}'`,
);
console.log(
  `  curl -X PUT ${simulator.controlUrl}/targets/absorb/behaviour -H 'content-type: application/json' -d '{"mode":"healthy"}'`,
);
console.log(
  `[demo] Simulated HoloMesh board API: ${holoMesh.url}, team ${demoTeamId}; Vigil gets the owner key ${demoOwnerKey} as HOLOMESH_API_KEY.`,
);
console.log(
  `[demo] The board panel (/board) is connected to it on first start. Change the mode as an agent would:`,
);
console.log(
  `  curl -X POST ${holoMesh.url}/__control/teams/${demoTeamId}/mode -H 'content-type: application/json' -d '{"mode":"research","by":"agent-x"}'`,
);
console.log(
  `  curl -X PUT ${holoMesh.url}/__control/behaviour -H 'content-type: application/json' -d '{"mode":"http-502-html"}'`,
);
console.log(
  "[demo] Record a deploy as a CI pipeline would (it shows as 'Deploying now' on the MCP tile and in handoffs), then finish it:",
);
console.log(
  `  VIGIL_DATA_DIR=.vigil/demo npm run vigil -- deploy:record --service "MCP server" --version v1.4.0 --who ci-bot --ci-green --no-secrets --tagged`,
);
console.log(
  `  VIGIL_DATA_DIR=.vigil/demo npm run vigil -- deploy:update --id 1 --status succeeded   # runs the post-deploy smoke check`,
);

// The same two steps as `npm start`: the set-up, then the server as the one long-lived Vigil process.
const vigilEnv = {
  ...process.env,
  DATABASE_URL: "",
  VIGIL_DATA_DIR: dataDir,
  VIGIL_FLEET_FILE: fleetFile,
  HOLOMESH_API_KEY: demoOwnerKey,
};
const runScript = (script: string) =>
  spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      path.resolve("scripts", "server-context.mjs"),
      path.resolve("scripts", script),
    ],
    { stdio: "inherit", env: vigilEnv },
  );
const exitOf = (child: ChildProcess) =>
  new Promise<number>((resolve) =>
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal === "SIGINT" ? 130 : 143))),
  );

let app: ChildProcess | null = null;
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  stopping = true;
  app?.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
app = runScript("start.ts");
let code = await exitOf(app);
if (code === 0 && !stopping) {
  app = runScript("serve.ts");
  code = await exitOf(app);
}
await Promise.all([simulator.stop(), holoMesh.stop()]);
process.exit(code);
