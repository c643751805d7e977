import path from "node:path";
import { defineConfig } from "vitest/config";

// Vigil shows and computes times in UTC (or the team calendar's zone): tests run in a zone that is neither UTC nor a
// whole hour away from it, so code that reads the machine's zone by mistake fails here. Set before anything makes a
// Date, and passed on to the test workers through test.env.
const testTimeZone = "Asia/Kathmandu";
process.env.TZ = testTimeZone;

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests are server code: `server-only` (a marker that fails a client bundle) resolves to its empty module, as in Next's server build.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "scripts/**/*.test.ts",
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "dev/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    environment: "node",
    env: { TZ: testTimeZone },
    globalSetup: ["./scripts/vitest-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Files share one database; running them one after another keeps global rules (such as "at least one admin") testable.
    fileParallelism: false,
  },
});
