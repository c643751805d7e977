import http from "node:http";
import type { AddressInfo } from "node:net";
import { GET as getTimelineRoute } from "@/app/api/v1/incidents/[id]/timeline/route";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { percentile } from "@/lib/health/histogram";
import { getIncidentDetail, listTimeline } from "@/lib/incidents/data";
import { appendTimelineEntry, declareIncident } from "@/lib/incidents/mutations";
import { createApiToken } from "@/lib/tokens/data";
import { createUser, toActor } from "@/lib/users/data";
import { benchActor, openBenchDatabase, printTable, timeEach } from "@/bench/support";

// Whether a busy incident holds up: 50 writers appending to one timeline at once (nothing lost, nothing
// duplicated, retries included), and the incident page's reads on an incident with 10,000 entries.
const writers = Number(process.env.BENCH_WRITERS ?? 50);
const appendSeconds = Number(process.env.BENCH_SECONDS ?? 25);
const bigTimeline = Number(process.env.BENCH_ENTRIES ?? 10_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 100);

const database = await openBenchDatabase("bench_timeline");
const { user } = await createUser(benchActor, {
  email: "scribe@bench.test",
  name: "Bench Scribe",
  role: "responder",
  password: "bench password 123",
});
const actor = toActor(await db.user.findUniqueOrThrow({ where: { id: user.id } }));

type Row = { label: string; count: number; timings: number[]; note: string };
const rows: Row[] = [];
const ms = (value: number | null) => (value === null ? "-" : `${value.toFixed(1)} ms`);

// (1) Appends: each writer loops for the whole window; every fifth append also resends an earlier key of its own at once.
{
  const { incident } = await declareIncident(actor, {
    title: "Append throughput",
    severity: "sev2",
  });
  const deadline = Date.now() + appendSeconds * 1000;
  const latencies: number[] = [];
  const issuedKeys = new Set<string>();
  let retries = 0;
  let retriesAnsweringOriginal = 0;
  const firstIdByKey = new Map<string, string>();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = 0; Date.now() < deadline; index++) {
        const key = `bench-w${writer}-e${index}`;
        issuedKeys.add(key);
        const append = async (entryKey: string) => {
          const started = performance.now();
          const result = await appendTimelineEntry(actor, incident.id, {
            body: `writer ${writer} entry ${entryKey}`,
            idempotencyKey: entryKey,
          });
          latencies.push(performance.now() - started);
          return { key: entryKey, ...result };
        };
        const retryKey = index > 0 && index % 5 === 0 ? `bench-w${writer}-e${index - 1}` : null;
        const results = await Promise.all(
          retryKey ? [append(key), append(retryKey)] : [append(key)],
        );
        for (const result of results) {
          if (result.key === key) firstIdByKey.set(key, result.entry.id);
          else {
            retries += 1;
            if (!result.created && result.entry.id === firstIdByKey.get(result.key))
              retriesAnsweringOriginal += 1;
          }
        }
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const [counts] = await db.$queryRaw<{ stored: bigint; keys: bigint }[]>`
    SELECT count(*) AS stored, count(DISTINCT "idempotencyKey") AS keys FROM "TimelineEntry" WHERE "incidentId" = ${incident.id}::uuid AND kind = 'note'`;
  const stored = Number(counts?.stored ?? 0);
  const lost = [...issuedKeys].length - Number(counts?.keys ?? 0);
  const duplicated = stored - Number(counts?.keys ?? 0);
  rows.push({
    label: `append, ${writers} writers, ${appendSeconds} s`,
    count: latencies.length,
    timings: latencies,
    note: `${(latencies.length / seconds).toFixed(0)} appends/s; ${stored} stored for ${issuedKeys.size} keys: ${lost} lost, ${duplicated} duplicated; ${retriesAnsweringOriginal}/${retries} retries got the original   [target: 0 lost, 0 duplicated]`,
  });
}

// (2) An incident with 10,000 entries, three affected services with a day of check history each.
const { incident } = await declareIncident(actor, { title: "Big timeline", severity: "sev1" });
{
  const seeding = performance.now();
  await db.$executeRaw`
    INSERT INTO "Service" (id, name, environment, "baseUrl", profile, "updatedAt")
    SELECT gen_random_uuid(), 'bench-svc-' || n, 'bench', 'https://svc-' || n || '.example.com', 'generic_json', now() FROM generate_series(1, 3) AS n`;
  await db.$executeRaw`
    INSERT INTO "IncidentService" ("incidentId", "serviceId") SELECT ${incident.id}::uuid, id FROM "Service" WHERE environment = 'bench'`;
  await db.$executeRaw`
    INSERT INTO "CheckResult" ("serviceId", "scheduledAt", "startedAt", status, reason, "httpStatus", "latencyMs")
    SELECT s.id, now() - n * interval '30 seconds', now() - n * interval '30 seconds',
           (CASE WHEN n % 40 = 0 THEN 'down' WHEN n % 17 = 0 THEN 'degraded' ELSE 'up' END)::"HealthStatus",
           'bench', 200, 120
    FROM "Service" s CROSS JOIN generate_series(1, 2880) AS n WHERE s.environment = 'bench'`;
  const kinds = ["note", "action", "communication", "health_event", "deploy", "field_change"];
  await db.$executeRaw`
    INSERT INTO "TimelineEntry" ("incidentId", kind, body, details, "occurredAt", "recordedAt", "authorId", "authorLabel", "stepKey")
    SELECT ${incident.id}::uuid, (${kinds}::text[])[1 + n % 6]::"TimelineKind",
           'Entry ' || n || ': restarted the MCP pod, checked /health and /ops/status, tools back to 234', '{}'::jsonb,
           now() - (${bigTimeline}::int - n) * interval '3 seconds', now(), ${actor.id}::uuid, ${actor.name},
           CASE WHEN n % 1000 = 0 THEN 'step:' || (n / 1000) ELSE NULL END
    FROM generate_series(1, ${bigTimeline}::int - 1) AS n`;
  // Every 250th entry is corrected by a later one (a correction is a new entry), so pages carry their "corrected by" links.
  await db.$executeRaw`
    INSERT INTO "TimelineEntry" ("incidentId", kind, body, details, "occurredAt", "recordedAt", "authorId", "authorLabel", "correctsId")
    SELECT "incidentId", 'correction', 'Correction of ' || id, '{}'::jsonb, "occurredAt" + interval '1 second', now(), "authorId", "authorLabel", id
    FROM "TimelineEntry" WHERE "incidentId" = ${incident.id}::uuid AND kind = 'note' AND id % 250 = 0`;
  await db.$executeRaw`ANALYZE`;
  const total = await db.timelineEntry.count({ where: { incidentId: incident.id } });
  console.log(
    `seeded an incident with ${total} timeline entries and 3 services x 2,880 checks in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
}

const newestPage = async () => {
  return Promise.all([getIncidentDetail(incident.id), listTimeline(incident.id, { limit: 50 })]);
};
rows.push({
  label: "incident page data, newest 50",
  count: iterations,
  timings: await timeEach(iterations, 5, newestPage),
  note: "what the page reads: getIncidentDetail (incident, runbook, failing checks) + listTimeline   [target: first paint p95 <= 500 ms]",
});

const ordered = await db.timelineEntry.findMany({
  where: { incidentId: incident.id },
  orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
  select: { id: true },
});
const middle = ordered[Math.floor(ordered.length / 2)]?.id.toString();
const nearEnd = ordered[ordered.length - 60]?.id.toString();
rows.push({
  label: "timeline page, middle (before=)",
  count: iterations,
  timings: await timeEach(iterations, 5, () =>
    listTimeline(incident.id, { before: middle, limit: 50 }),
  ),
  note: `keyset from entry ${ordered.length / 2} of ${ordered.length}`,
});
rows.push({
  label: "timeline page, deep (before=)",
  count: iterations,
  timings: await timeEach(iterations, 5, () =>
    listTimeline(incident.id, { before: nearEnd, limit: 50 }),
  ),
  note: `keyset from entry ${ordered.length - 60} of ${ordered.length}`,
});

let walked = 0;
const walkStarted = performance.now();
for (let before: string | undefined, first = true; first || before; first = false) {
  const page = await listTimeline(incident.id, { before, limit: 200 });
  walked += page.entries.length;
  before = page.nextBefore ?? undefined;
}
const walkMs = performance.now() - walkStarted;

// The route handler itself over node:http (auth by API token, validation, JSON): no Next router, no build needed.
{
  const { secret } = await createApiToken(benchActor, {
    ownerEmail: user.email,
    name: "timeline bench",
  });
  const server = http.createServer((incoming, outgoing) => {
    const url = `http://127.0.0.1${incoming.url ?? "/"}`;
    const id = /\/api\/v1\/incidents\/([^/]+)\/timeline/.exec(incoming.url ?? "")?.[1] ?? "";
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers))
      if (typeof value === "string") headers.set(name, value);
    void getTimelineRoute(new Request(url, { method: "GET", headers }), {
      params: Promise.resolve({ id }),
    }).then(async (response) => {
      outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const get = async (query: string) => {
    const response = await fetch(
      `http://127.0.0.1:${port}/api/v1/incidents/${incident.id}/timeline${query}`,
      { headers: { authorization: `Bearer ${secret}` } },
    );
    if (response.status !== 200) throw new Error(`GET timeline answered ${response.status}`);
    return response.json();
  };
  const sample = (await get("?limit=50")) as { entries: unknown[] };
  const bytes = Buffer.byteLength(JSON.stringify(sample));
  rows.push({
    label: "HTTP GET .../timeline?limit=50",
    count: iterations,
    timings: await timeEach(iterations, 5, () => get("?limit=50")),
    note: `route handler over node:http, bearer token, ${(bytes / 1024).toFixed(0)} KiB JSON`,
  });
  rows.push({
    label: "HTTP GET .../timeline deep page",
    count: iterations,
    timings: await timeEach(iterations, 5, () => get(`?limit=50&before=${nearEnd}`)),
    note: "same, before= near the oldest entry",
  });
  await new Promise((resolve) => server.close(resolve));
}

const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>`
  EXPLAIN SELECT id FROM "TimelineEntry" WHERE "incidentId" = ${incident.id}::uuid ORDER BY "occurredAt" DESC, id DESC LIMIT 51`;
const usesIndex = plan.some((line) =>
  line["QUERY PLAN"].includes("TimelineEntry_incidentId_occurredAt_id_idx"),
);

console.log(
  `\ntimeline bench: ${writers} writers, pool of ${env.VIGIL_DB_POOL_MAX} connections, ${bigTimeline.toLocaleString("en")} entries on the big incident\n`,
);
printTable(
  ["measure", "n", "p50", "p95", "max"],
  rows.map((row) => [
    row.label,
    String(row.count),
    ms(percentile(row.timings, 0.5)),
    ms(percentile(row.timings, 0.95)),
    ms(Math.max(...row.timings)),
  ]),
  rows.map((row) => row.note),
);
console.log(
  `\nwalking all ${walked} entries in pages of 200: ${walkMs.toFixed(0)} ms; newest-page query uses the (incidentId, occurredAt, id) index: ${usesIndex}`,
);

await disconnectDb();
await database.drop();
