import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Db } from "@/lib/db";
import { createTestDatabase } from "@/scripts/test-database";

/** The actor a bench's own set-up writes (users, tokens) are recorded under. */
export const benchActor = { id: null, label: "bench" };

/** A fresh database for one bench, made the one Vigil's modules connect to: they read DATABASE_URL on first use. */
export async function openBenchDatabase(name: string) {
  const database = await createTestDatabase(name);
  process.env.DATABASE_URL = database.url;
  return database;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds, or throws naming `what` once `timeoutMs` has passed. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  pollMs = 200,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

/** Runs `run` `warmups` times unmeasured (with indexes -1, -2, ...), then `count` times, and gives each run's ms. */
export async function timeEach(
  count: number,
  warmups: number,
  run: (index: number) => Promise<unknown>,
): Promise<number[]> {
  for (let warm = 0; warm < warmups; warm++) await run(-1 - warm);
  const timings: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await run(index);
    timings.push(performance.now() - started);
  }
  return timings;
}

/** Prints a header and rows as aligned columns: the first left-aligned, the rest right-aligned; a row's note follows it. */
export function printTable(header: string[], rows: string[][], notes: string[] = []): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((cells) => (cells[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  console.log(line(header));
  for (const [index, cells] of rows.entries())
    console.log(notes.length > 0 ? `${line(cells)}  ${notes[index] ?? ""}` : line(cells));
}

/** Runs a bench script in a Node child of its own (with tsx and the server context), its stdout piped back. */
export function spawnBenchScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess {
  return spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      path.resolve("scripts", "server-context.mjs"),
      path.resolve(script),
      ...args,
    ],
    { stdio: ["ignore", "pipe", "inherit"], env },
  );
}

/** The first line a child bench script prints: how it hands its result (or its set-up) back. */
export function firstLineOf(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).once("line", resolve),
  );
}

export type FleetTarget = { id: string; url: string; hung: boolean };

/**
 * The simulated fleet of bench/fleet-server.ts in a process of its own (so a bench measures Vigil's memory, not the
 * targets'): `services` targets, `hungShare` of them accepting and never answering.
 */
export async function startFleetProcess(
  services: number,
  hungShare: number,
): Promise<{ fleet: ChildProcess; targets: FleetTarget[] }> {
  const fleet = spawnBenchScript("bench/fleet-server.ts", [String(services), String(hungShare)]);
  return { fleet, targets: JSON.parse(await firstLineOf(fleet)) as FleetTarget[] };
}

/** Registers one generic service per simulator target (named by the target's id), each with its empty state row. */
export async function addServicesFor(
  client: Db,
  targets: { id: string; url: string }[],
  intervalSeconds: number,
  timeoutSeconds = 5,
): Promise<void> {
  await client.service.createMany({
    data: targets.map((target) => ({
      name: target.id,
      environment: "bench",
      baseUrl: target.url,
      profile: "generic_json" as const,
      intervalSeconds,
      timeoutSeconds,
    })),
  });
  await client.$executeRaw`INSERT INTO "ServiceState" ("serviceId", "updatedAt") SELECT id, now() FROM "Service"`;
}
