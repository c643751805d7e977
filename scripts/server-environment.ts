import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

async function loadOrCreateSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "auth-secret");
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim().length >= 32) return existing.trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** What the Next server needs beyond the caller's environment: a session secret kept in the data folder, its own URL. */
export async function serverEnvironment(options: {
  dataDir: string;
  port: number;
  dev: boolean;
  embedded: boolean;
}): Promise<Record<string, string>> {
  return {
    NODE_ENV: options.dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? (await loadOrCreateSecret(options.dataDir)),
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${options.port}`,
    // The embedded server takes 16 connections: two pools (requests, background work) of 5, the 2-connection
    // reachability ping and the poller lock stay inside that.
    ...(options.embedded ? { VIGIL_DB_POOL_MAX: "5" } : {}),
  };
}
