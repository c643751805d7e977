import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * Runs the outbound tests under Node 22 too: `engines` allows Node 20 and 22, and what these tests guard (the DNS
 * lookup Node's connection code calls, happy eyeballs across both families) is Node's own code, which changes between
 * majors. Node 22 comes from the npm registry's "node" package through npx (cached after the first run).
 *
 *   tsx scripts/test-node22.ts [more vitest arguments]
 */
export const outboundTestFiles = [
  "lib/outbound",
  "dev/simulator/loopback.test.ts",
  "lib/board/client.test.ts",
  "test/time-zone.test.ts",
];

const vitest = path.join(process.cwd(), "node_modules", "vitest", "vitest.mjs");
const result = spawnSync(
  "npx",
  [
    "--yes",
    "--package",
    "node@22",
    "node",
    vitest,
    "run",
    ...outboundTestFiles,
    ...process.argv.slice(2),
  ],
  {
    stdio: "inherit",
    // vitest.config.ts sets the test time zone too; it is passed here as well so Node 22 starts in it.
    env: { ...process.env, TZ: "Asia/Kathmandu" },
  },
);
if (result.error) console.error(`Could not start Node 22 through npx: ${result.error.message}`);
process.exit(result.status ?? 1);
