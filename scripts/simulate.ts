import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { defaultFleet, startSimulator, type Simulator } from "@/dev/simulator/fleet";
import {
  demoMemberKey,
  demoOwnerKey,
  demoTeamId,
  seedDemoTeam,
  startHoloMeshSimulator,
  type HoloMeshSimulator,
} from "@/dev/simulator/holomesh";

const tlsTargetId = "mcp-tls";
const certificateFile = path.join(tmpdir(), "vigil-simulator-certificate.pem");

const usage = `Usage: npm run simulate -- [--control-port 4100] [--base-port 4101] [--cert-days <days>]

Starts simulated HoloScript services (mcp, absorb, studio, orchestrator) on consecutive ports from --base-port,
and a control API on 127.0.0.1:--control-port that changes how they answer. The HoloMesh team board API follows on the
next port (4105 by default) with the demo team ${demoTeamId}; its own control endpoints live under /__control/*.

--cert-days <days>  Also start "${tlsTargetId}", an MCP server over HTTPS on the port after HoloMesh (4106 by default),
                    whose self-signed certificate (localhost, 127.0.0.1, ::1) expires in <days> days: 2 shows a
                    near-expiry certificate, a negative number an expired one. The certificate is written to
                    ${certificateFile}; start Vigil with NODE_EXTRA_CA_CERTS pointing at that file so it
                    trusts it (it changes on every run). Also: GET /targets/${tlsTargetId}/certificate on the control API,
                    and PUT the same path with {"expiresInDays":30} to renew it.`;

function portOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new UsageError(`--${name} must be a port number (1-65535).`);
  return port;
}

class UsageError extends Error {}

function daysOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (value.trim() === "" || !Number.isFinite(days) || Math.abs(days) > 3650)
    throw new UsageError("--cert-days must be a number of days (-3650 to 3650).");
  return days;
}

function printBanner(simulator: Simulator, controlPort: number): void {
  const targets = simulator.listTargets();
  const idWidth = Math.max(...targets.map((target) => target.id.length), "target".length);
  const kindWidth = Math.max(...targets.map((target) => target.kind.length), "kind".length);
  const control = `localhost:${controlPort}`;
  const lines = [
    "HoloScript fleet simulator",
    "",
    `  ${"target".padEnd(idWidth)}  ${"kind".padEnd(kindWidth)}  url`,
    ...targets.map(
      (target) => `  ${target.id.padEnd(idWidth)}  ${target.kind.padEnd(kindWidth)}  ${target.url}`,
    ),
    "",
    `Control API: ${simulator.controlUrl}`,
    `  curl ${control}/targets`,
    `  curl -X PUT ${control}/targets/mcp/behaviour -H 'content-type: application/json' -d '{"mode":"degraded","variant":"team-store-memory"}'`,
    `  curl -X PUT ${control}/targets/absorb/behaviour -H 'content-type: application/json' -d '{"mode":"http-502-html"}'`,
    `  curl -X PUT ${control}/targets/studio/behaviour -H 'content-type: application/json' -d '{"mode":"slow","delayMs":5000}'`,
    `  curl -X PUT ${control}/targets/orchestrator/behaviour -H 'content-type: application/json' -d '{"mode":"down"}'`,
    `  curl -X PUT ${control}/targets/mcp/behaviour -H 'content-type: application/json' -d '{"mode":"healthy"}'`,
    `  curl ${control}/targets/mcp/requests`,
    `  curl -X POST ${control}/targets -H 'content-type: application/json' -d '{"id":"extra","kind":"generic"}'`,
    `  curl -X POST ${control}/targets -H 'content-type: application/json' -d '{"id":"secure","kind":"absorb","tls":{"expiresInDays":2}}'`,
    `  curl -X PUT ${control}/targets/mcp/behaviour -H 'content-type: application/json' -d '{"mode":"answers-as","kind":"absorb"}'`,
    `  curl -X PUT ${control}/targets/mcp/behaviour -H 'content-type: application/json' -d '{"mode":"ops-regions","regions":[{"id":"us-west","status":"critical"},{"id":"eu-west","status":"critical"}],"errorRate":0.6,"openBreakers":["unity"]}'`,
    "",
    "Modes: healthy, down, http-502-html, http-500-json, hang, slow {delayMs}, degraded {variant}, ops-critical,",
    "ops-degraded, rich-health {status?}, flapping, malformed-json, oversized {bytes?}, cold-start {delayMs?, idleMs?},",
    "tools-drop {tools?}, nul-version, binary-500, huge-values {chars?}, answers-as {kind},",
    "ops-regions {regions, status?, errorRate?, openBreakers?}, compile-404 (POST /api/compile on mcp answers 404).",
    'A target added with "tls" ({expiresInDays} or {notAfter}) serves HTTPS; its certificate: GET /targets/<id>/certificate.',
    "Stop with Ctrl+C.",
  ];
  console.log(lines.join("\n"));
}

function printHoloMeshBanner(holoMesh: HoloMeshSimulator): void {
  const board = `${holoMesh.url}/api/holomesh/team/${demoTeamId}/board`;
  const lines = [
    "",
    `HoloMesh team board API: ${holoMesh.url} (team ${demoTeamId})`,
    `  owner key (config:write): ${demoOwnerKey}`,
    `  member key:               ${demoMemberKey}`,
    `  curl ${board} -H 'authorization: Bearer ${demoOwnerKey}'`,
    `  curl -X POST ${holoMesh.url}/__control/teams/${demoTeamId}/mode -H 'content-type: application/json' -d '{"mode":"research","by":"agent-x"}'`,
    `  curl -X PUT ${holoMesh.url}/__control/behaviour -H 'content-type: application/json' -d '{"mode":"http-502-html"}'`,
    `  curl -X PUT ${holoMesh.url}/__control/behaviour -H 'content-type: application/json' -d '{"mode":"slow","delayMs":12000}'`,
    `  curl -X PUT ${holoMesh.url}/__control/behaviour -H 'content-type: application/json' -d '{"mode":"normal"}'`,
    "Behaviours: normal, slow {delayMs}, http-502-html, down, malformed-json.",
  ];
  console.log(lines.join("\n"));
}

async function printCertificateBanner(simulator: Simulator): Promise<void> {
  const { certificate, notAfter } = simulator.certificateOf(tlsTargetId);
  await writeFile(certificateFile, certificate);
  const lines = [
    "",
    `HTTPS target ${tlsTargetId}: ${simulator.urlOf(tlsTargetId)} (also https://localhost:${simulator.getTarget(tlsTargetId).port}), certificate expires ${notAfter}`,
    `  certificate: ${certificateFile}`,
    `  NODE_EXTRA_CA_CERTS=${certificateFile} npm start    # so Vigil trusts it`,
    `  curl --cacert ${certificateFile} https://localhost:${simulator.getTarget(tlsTargetId).port}/health`,
  ];
  console.log(lines.join("\n"));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      "control-port": { type: "string" },
      "base-port": { type: "string" },
      "cert-days": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const controlPort = portOption(values["control-port"], "control-port", 4100);
  const basePort = portOption(values["base-port"], "base-port", 4101);
  const certificateDays = daysOption(values["cert-days"]);
  const fleet = defaultFleet(basePort);
  const holoMeshPort = basePort + fleet.length;
  if (certificateDays !== undefined)
    fleet.push({
      id: tlsTargetId,
      kind: "mcp",
      port: holoMeshPort + 1,
      tls: { expiresInDays: certificateDays },
    });
  const lastPort = certificateDays === undefined ? holoMeshPort : holoMeshPort + 1;
  if (lastPort > 65_535)
    throw new UsageError(`--base-port leaves no room for ${lastPort - basePort + 1} ports.`);

  const simulator = await startSimulator({ controlPort, targets: fleet });
  const holoMesh = await startHoloMeshSimulator({ port: holoMeshPort }).catch(
    async (error: unknown) => {
      await simulator.stop();
      throw error;
    },
  );
  seedDemoTeam(holoMesh);
  printBanner(simulator, controlPort);
  printHoloMeshBanner(holoMesh);
  if (certificateDays !== undefined) await printCertificateBanner(simulator);

  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("\nStopping the simulator…");
  await Promise.all([simulator.stop(), holoMesh.stop()]);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
  } else if (
    error instanceof Error &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`${error.message}\n\n${usage}`);
    process.exitCode = 2;
  } else if (error instanceof AppError) {
    console.error(`[simulator] ${error.message} Choose another --base-port.`);
    process.exitCode = 1;
  } else if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
    console.error(`[simulator] ${error.message}: choose another --control-port or --base-port.`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
