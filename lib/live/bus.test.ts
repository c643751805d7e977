import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  publishIncidentChange,
  subscribeIncidentChanges,
  type IncidentChange,
} from "@/lib/live/bus";

const clients: pg.Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.end()));
});

/** Another Vigil instance, as far as this one can tell: a NOTIFY on the shared channel with a foreign origin. */
async function notifyAsAnotherInstance(payload: Record<string, unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  clients.push(client);
  await client.connect();
  await client.query("SELECT pg_notify('vigil_events', $1)", [
    JSON.stringify({ origin: "another-instance", ...payload }),
  ]);
}

function nextChange(
  predicate: (change: IncidentChange) => boolean,
  timeoutMs = 5_000,
): Promise<IncidentChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error("no incident change arrived"));
    }, timeoutMs);
    const unsubscribe = subscribeIncidentChanges((change) => {
      if (!predicate(change)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(change);
    });
  });
}

describe("incident changes on the live bus", () => {
  it("reach this instance's listeners at once when published here", async () => {
    const arrived = nextChange((change) => change.incidentId === "local-incident");
    await publishIncidentChange(["local-incident"], "timeline");
    expect(await arrived).toMatchObject({ incidentId: "local-incident", what: "timeline" });
  });

  it("reach this instance's listeners when another instance publishes them through Postgres", async () => {
    // The first subscription opens the LISTEN connection; give it a moment before the other instance speaks.
    const warmUp = subscribeIncidentChanges(() => {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    const arrived = nextChange((change) => change.incidentId === "remote-incident");
    await notifyAsAnotherInstance({
      type: "incident",
      incidentId: "remote-incident",
      what: "incident",
      at: new Date().toISOString(),
    });
    expect(await arrived).toMatchObject({ incidentId: "remote-incident", what: "incident" });
    warmUp();
  });
});
