import { spawn, type ChildProcess } from "node:child_process";
import { allowLoopbackSimulators } from "@/test/fixtures";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { createService } from "@/lib/services/mutations";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";

const admin = { id: null, label: "vitest" };
let simulator: Simulator;
const workers: ChildProcess[] = [];

function startWorker(): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      path.resolve("scripts/server-context.mjs"),
      path.resolve("scripts/worker.ts"),
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl() },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  workers.push(child);
  return { child, output: () => output };
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await condition()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

let releaseLoopback = async () => {};
afterAll(() => releaseLoopback());

beforeAll(async () => {
  simulator = await startSimulator({ targets: [{ id: "target", kind: "generic" }] });
  releaseLoopback = await allowLoopbackSimulators(admin);
  await db.service.updateMany({ data: { enabled: false } });
});

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await simulator.stop();
  await db.service.updateMany({ data: { enabled: true } });
});

describe("several instances on one database: exactly one runs the checks", () => {
  it("exactly one polls; after kill -9 another takes over; no slot is checked twice", async () => {
    const service = await createService(admin, {
      name: `leader-${Date.now()}`,
      environment: "h8",
      baseUrl: simulator.urlOf("target"),
      profile: "generic_json",
      intervalSeconds: 10,
      timeoutSeconds: 2,
    });
    const results = () => db.checkResult.count({ where: { serviceId: service.id } });

    const first = startWorker();
    await waitFor(() => first.output().includes("poller lock acquired"), 20_000);
    const second = startWorker();
    await waitFor(() => second.output().includes("waiting for the poller lock"), 20_000);
    await waitFor(async () => (await results()) >= 1, 15_000);
    expect(second.output()).not.toContain("poller lock acquired");

    first.child.kill("SIGKILL");
    const takeoverMs = await waitFor(
      () => second.output().includes("poller lock acquired"),
      60_000,
    );
    expect(takeoverMs).toBeLessThan(60_000);
    const before = await results();
    await waitFor(async () => (await results()) > before, 15_000);
    second.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));

    const stored = await db.checkResult.findMany({
      where: { serviceId: service.id },
      select: { scheduledAt: true },
    });
    const slots = new Set(stored.map((row) => row.scheduledAt.getTime()));
    expect(slots.size).toBe(stored.length);
    // Every request the target saw became exactly one stored result: nobody checked a slot twice.
    expect(simulator.requestCount("target", "/health")).toBe(stored.length);
  }, 90_000);
});
