import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import { db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";

export type HealthChange = { serviceIds: string[]; all: boolean; at: string };
type Wire = HealthChange & { origin: string; type: "health" };

const channel = "vigil_events";
// NOTIFY payloads are capped at 8000 bytes; past this many ids, say "everything changed".
const maxIdsInPayload = 100;

type BusState = { emitter: EventEmitter; instanceId: string; listener: Promise<void> | null; client: pg.Client | null };
const globalForBus = globalThis as unknown as { vigilBus?: BusState };

// Next bundles route handlers and instrumentation separately: the bus lives on globalThis so both see one.
function bus(): BusState {
  globalForBus.vigilBus ??= { emitter: new EventEmitter().setMaxListeners(0), instanceId: randomUUID(), listener: null, client: null };
  return globalForBus.vigilBus;
}

/** Tells this instance's open dashboards at once and every other instance through Postgres NOTIFY. */
export async function publishHealthChange(serviceIds: string[]): Promise<void> {
  const change: HealthChange = { serviceIds: serviceIds.length > maxIdsInPayload ? [] : serviceIds, all: serviceIds.length > maxIdsInPayload, at: new Date().toISOString() };
  bus().emitter.emit("health", change);
  const wire: Wire = { ...change, type: "health", origin: bus().instanceId };
  await db.$executeRaw`SELECT pg_notify(${channel}, ${JSON.stringify(wire)})`.catch(() => {});
}

export function subscribeHealthChanges(listener: (change: HealthChange) => void): () => void {
  void ensureListening();
  bus().emitter.on("health", listener);
  return () => bus().emitter.off("health", listener);
}

export function subscriberCount(): number {
  return bus().emitter.listenerCount("health");
}

/** One LISTEN connection per instance, reconnecting with backoff; events from this instance are skipped. */
function ensureListening(): Promise<void> {
  const state = bus();
  const url = databaseUrl();
  if (state.listener || !url) return state.listener ?? Promise.resolve();
  let delayMs = 1_000;
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    client.on("notification", (message) => {
      if (message.channel !== channel || !message.payload) return;
      try {
        const wire = JSON.parse(message.payload) as Wire;
        if (wire.origin !== state.instanceId) state.emitter.emit("health", { serviceIds: wire.serviceIds, all: wire.all, at: wire.at });
      } catch {
        // A payload from an older or newer instance that we cannot read: ignore it.
      }
    });
    const retry = () => {
      state.client = null;
      client.removeAllListeners();
      client.end().catch(() => {});
      setTimeout(() => void connect(), delayMs).unref();
      delayMs = Math.min(delayMs * 2, 30_000);
    };
    client.on("error", retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      state.client = client;
      delayMs = 1_000;
    } catch {
      retry();
    }
  };
  state.listener = connect();
  return state.listener;
}
