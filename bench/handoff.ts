import { db, disconnectDb } from "@/lib/db";
import { percentile } from "@/lib/health/histogram";
import { recordDeploy, updateDeploy } from "@/lib/deploys/mutations";
import { getHandoffDraft, listHandoffs } from "@/lib/handoffs/data";
import { createHandoff } from "@/lib/handoffs/mutations";
import { declareIncident } from "@/lib/incidents/mutations";
import { createUser, toActor } from "@/lib/users/data";
import { benchActor, openBenchDatabase, printTable, timeEach } from "@/bench/support";

// Issue 7's "a complete handoff in under a minute": the part Vigil owns is generating the form from live data and
// saving it. Measured on a busy fleet: 40 services, 15 open incidents, 8 deploys in flight, 1,000 earlier handoffs.
const services = Number(process.env.BENCH_SERVICES ?? 40);
const openIncidents = Number(process.env.BENCH_INCIDENTS ?? 15);
const inFlight = Number(process.env.BENCH_DEPLOYS ?? 8);
const history = Number(process.env.BENCH_HISTORY ?? 1_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 50);

const database = await openBenchDatabase("bench_handoff");
const makeActor = async (email: string, name: string) => {
  const { user } = await createUser(benchActor, {
    email,
    name,
    role: "responder",
    password: "bench password 123",
  });
  return toActor(await db.user.findUniqueOrThrow({ where: { id: user.id } }));
};
const outgoing = await makeActor("out@bench.test", "Outgoing Ada");
const incoming = await makeActor("in@bench.test", "Incoming Grace");

const serviceRows = await Promise.all(
  Array.from({ length: services }, (_, index) =>
    db.service.create({
      data: {
        name: `svc-${index}`,
        baseUrl: `http://198.18.0.${(index % 250) + 1}`,
        profile: "http",
        environment: "production",
      },
    }),
  ),
);
for (let index = 0; index < openIncidents; index++) {
  await declareIncident(outgoing, {
    title: `Open incident ${index}`,
    severity: index % 3 === 0 ? "sev1" : "sev2",
    serviceIds: [serviceRows[index % services]?.id ?? ""],
  });
}
for (let index = 0; index < inFlight + 20; index++) {
  const { deploy } = await recordDeploy(outgoing, {
    service: serviceRows[index % services]?.id ?? "",
    version: `v1.${index}.0`,
    status: "started",
  });
  // The rest finished: only the in-flight ones belong in the handoff.
  if (index >= inFlight) await updateDeploy(outgoing, deploy.id, { status: "failed" });
}
const escalation = [{ name: "Grace Hopper", contact: "+1 555 0100" }];
const baseInput = (offsetDays: number) => {
  const start = new Date(Date.UTC(2026, 0, 1, 9) + offsetDays * 86_400_000);
  return {
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + 86_400_000).toISOString(),
    outgoingId: outgoing.id,
    incomingId: incoming.id,
    knownRisks: [`risk number ${offsetDays}`, "DB migration tonight"],
    escalation,
    postToFeed: false,
  };
};
for (let index = 0; index < history; index++) await createHandoff(outgoing, baseInput(index));

const rows: { label: string; timings: number[] }[] = [];
let draftSize = "";
rows.push({
  label: "getHandoffDraft (the form's live data)",
  timings: await timeEach(iterations, 3, async () => {
    const draft = await getHandoffDraft(outgoing);
    draftSize = `${draft.snapshot.services.length} services, ${draft.snapshot.incidents.length} incidents, ${draft.snapshot.deploys.length} deploys`;
  }),
});
rows.push({
  label: "createHandoff (snapshot rebuilt, text stored)",
  timings: await timeEach(iterations, 3, (index) =>
    createHandoff(outgoing, baseInput(history + 10 + index)),
  ),
});
rows.push({
  label: "listHandoffs ?q= search",
  timings: await timeEach(iterations, 3, () => listHandoffs({ q: "migration" })),
});

const ms = (value: number | null) => (value === null ? "-" : `${value.toFixed(1)} ms`);
console.log(
  `\nhandoff bench: ${draftSize}; ${history.toLocaleString("en")} earlier handoffs; ${iterations} runs each\n`,
);
printTable(
  ["measure", "p50", "p95", "max"],
  rows.map((row) => [
    row.label,
    ms(percentile(row.timings, 0.5)),
    ms(percentile(row.timings, 0.95)),
    ms(Math.max(...row.timings)),
  ]),
);

await disconnectDb();
await database.drop();
