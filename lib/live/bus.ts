import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import { db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";

export type HealthChange = { serviceIds: string[]; all: boolean; at: string };
/** An incident's fields or timeline changed: open incident pages and lists refetch. `entryIds` names the timeline entries a write added, so the tab that wrote them can skip its own event. */
export type IncidentChange = {
  incidentId: string;
  what: "incident" | "timeline";
  at: string;
  entryIds?: string[];
};
/** A page opened, escalated, was acknowledged or resolved: banners refetch; `userIds` (those just notified) get a sound and a desktop notification. */
export type PageChange = {
  pageId: string;
  what: "opened" | "escalated" | "acknowledged" | "resolved" | "unreachable";
  title: string;
  userIds: string[];
  at: string;
};
type Wire =
  | (HealthChange & { origin: string; type: "health" })
  | (IncidentChange & { origin: string; type: "incident" })
  | (PageChange & { origin: string; type: "page" });

const channel = "vigil_events";
// NOTIFY payloads are capped at 8000 bytes; past this many ids, say "everything changed".
const maxIdsInPayload = 100;

type BusState = {
  emitter: EventEmitter;
  instanceId: string;
  listener: Promise<void> | null;
  client: pg.Client | null;
};
const globalForBus = globalThis as unknown as { vigilBus?: BusState };

// Next bundles route handlers and instrumentation separately: the bus lives on globalThis so both see one.
function bus(): BusState {
  globalForBus.vigilBus ??= {
    emitter: new EventEmitter().setMaxListeners(0),
    instanceId: randomUUID(),
    listener: null,
    client: null,
  };
  return globalForBus.vigilBus;
}

/** Tells this instance's open dashboards at once and every other instance through Postgres NOTIFY. */
export async function publishHealthChange(serviceIds: string[]): Promise<void> {
  const change: HealthChange = {
    serviceIds: serviceIds.length > maxIdsInPayload ? [] : serviceIds,
    all: serviceIds.length > maxIdsInPayload,
    at: new Date().toISOString(),
  };
  bus().emitter.emit("health", change);
  const wire: Wire = { ...change, type: "health", origin: bus().instanceId };
  await db.$executeRaw`SELECT pg_notify(${channel}, ${JSON.stringify(wire)})`.catch(() => {});
}

/** Called after the transaction that wrote the change has committed. */
export async function publishIncidentChange(
  incidentIds: string[],
  what: IncidentChange["what"],
  entryIds?: string[],
): Promise<void> {
  const at = new Date().toISOString();
  for (const incidentId of new Set(incidentIds)) {
    const change: IncidentChange = {
      incidentId,
      what,
      at,
      ...(entryIds ? { entryIds: entryIds.slice(0, maxIdsInPayload) } : {}),
    };
    bus().emitter.emit("incident", change);
    const wire: Wire = { ...change, type: "incident", origin: bus().instanceId };
    await db.$executeRaw`SELECT pg_notify(${channel}, ${JSON.stringify(wire)})`.catch(() => {});
  }
}

/** Called after the transaction that changed the page has committed. */
export async function publishPageChange(change: Omit<PageChange, "at">): Promise<void> {
  const full: PageChange = {
    ...change,
    userIds: change.userIds.slice(0, maxIdsInPayload),
    at: new Date().toISOString(),
  };
  bus().emitter.emit("page", full);
  const wire: Wire = { ...full, type: "page", origin: bus().instanceId };
  await db.$executeRaw`SELECT pg_notify(${channel}, ${JSON.stringify(wire)})`.catch(() => {});
}

export function subscribePageChanges(listener: (change: PageChange) => void): () => void {
  void ensureListening();
  bus().emitter.on("page", listener);
  return () => bus().emitter.off("page", listener);
}

export function subscribeIncidentChanges(listener: (change: IncidentChange) => void): () => void {
  void ensureListening();
  bus().emitter.on("incident", listener);
  return () => bus().emitter.off("incident", listener);
}

export function subscribeHealthChanges(listener: (change: HealthChange) => void): () => void {
  void ensureListening();
  bus().emitter.on("health", listener);
  return () => bus().emitter.off("health", listener);
}

/** One LISTEN connection per instance, reconnecting with backoff; events from this instance are skipped. */
function ensureListening(): Promise<void> {
  const state = bus();
  const url = databaseUrl();
  if (state.listener || !url) return state.listener ?? Promise.resolve();
  let delayMs = 1_000;
  const connect = async (): Promise<void> => {
    const client = new pg.Client({
      connectionString: url,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    client.on("notification", (message) => {
      if (message.channel !== channel || !message.payload) return;
      try {
        const wire = JSON.parse(message.payload) as Wire;
        if (wire.origin === state.instanceId) return;
        if (wire.type === "incident")
          state.emitter.emit("incident", {
            incidentId: wire.incidentId,
            what: wire.what,
            at: wire.at,
            ...(wire.entryIds ? { entryIds: wire.entryIds } : {}),
          });
        else if (wire.type === "page")
          state.emitter.emit("page", {
            pageId: wire.pageId,
            what: wire.what,
            title: wire.title,
            userIds: wire.userIds,
            at: wire.at,
          });
        else
          state.emitter.emit("health", { serviceIds: wire.serviceIds, all: wire.all, at: wire.at });
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
