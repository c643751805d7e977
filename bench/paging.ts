import { db, disconnectDb } from "@/lib/db";
import { percentile } from "@/lib/health/histogram";
import { Poller } from "@/lib/health/poller";
import { ResultWriter } from "@/lib/health/writer";
import { OutboxDeliverer } from "@/lib/notifications/deliverer";
import { startReceiver } from "@/test/webhook-receiver";
import { Pager } from "@/lib/paging/engine";
import { startSimulator } from "@/dev/simulator/fleet";
import { startSmtpReceiver } from "@/test/smtp-receiver";
import { addServicesFor, openBenchDatabase, sleep, waitFor } from "@/bench/support";

// Issue 14's paging figures: from the failing check that crosses the threshold to the SMTP receiver and the webhook
// receiver having the page, over 50 pages while 500 services are checked (target p95 <= 5 s); then the fleet failing
// at once (200 services) must make one "monitoring itself is degraded" page, not 200.
const services = Number(process.env.BENCH_SERVICES ?? 500);
const pagesWanted = Number(process.env.BENCH_PAGES ?? 50);
const fleetFailing = Number(process.env.BENCH_FLEET_FAILING ?? 200);
const intervalSeconds = Number(process.env.BENCH_INTERVAL ?? 10);

const database = await openBenchDatabase("bench_paging");

// The receiving ends, on loopback: arrival time per page number.
const mailAt = new Map<number, number>();
const hookAt = new Map<number, number>();
const pageNumberOf = (title: string | undefined) =>
  Number(/^PAGE #(\d+):/.exec(title ?? "")?.[1] ?? NaN);
const smtp = await startSmtpReceiver((mail) => {
  const number = pageNumberOf(mail.subject);
  if (!Number.isNaN(number) && !mailAt.has(number)) mailAt.set(number, Date.now());
});
const hook = await startReceiver();
const seenHooks = { count: 0 };
const hookTimer = setInterval(() => {
  for (const request of hook.requests.slice(seenHooks.count)) {
    const number = pageNumberOf((JSON.parse(request.body) as { title?: string }).title);
    if (!Number.isNaN(number) && !hookAt.has(number)) hookAt.set(number, Date.now());
  }
  seenHooks.count = hook.requests.length;
}, 20);

const simulator = await startSimulator({
  targets: Array.from({ length: services }, (_, index) => ({
    id: `t${index}`,
    kind: "generic" as const,
  })),
});
await db.outboundAllowRule.create({ data: { rule: "127.0.0.1", note: "bench" } });
const oncall = await db.user.create({
  data: { email: "oncall@bench.test", name: "Bench On-call", role: "responder" },
});
await db.contactMethod.createMany({
  data: [
    { userId: oncall.id, kind: "email", target: "oncall@bench.test", label: "mail" },
    { userId: oncall.id, kind: "webhook", target: hook.url("/oncall"), label: "hook" },
  ],
});
await db.escalationPolicy.create({
  data: {
    name: "Bench",
    isDefault: true,
    levels: [{ delayMinutes: 0, targets: [{ kind: "user", userId: oncall.id }] }],
    repeat: 0,
  },
});
await addServicesFor(db, simulator.listTargets(), intervalSeconds);
const idOf = new Map(
  (await db.service.findMany({ select: { id: true, name: true } })).map((service) => [
    service.name,
    service.id,
  ]),
);

// What every instance runs (startMonitoring's pieces, without waiting for the poller lock), with the bench's SMTP server.
const quiet = () => {};
const writer = new ResultWriter({ log: quiet });
const poller = new Poller({
  onOutcome: (outcome) => writer.add(outcome),
  log: quiet,
  concurrency: 256,
});
const deliverer = new OutboxDeliverer({
  log: quiet,
  smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: "Vigil <vigil@bench.test>" },
});
const pager = new Pager({ log: (message) => console.log(`  ${message}`) });
deliverer.start();
pager.start();
void poller.start();

console.log(
  `paging bench: ${services} services checked every ${intervalSeconds} s; ${pagesWanted} of them break, then ${fleetFailing} fail at once`,
);
await waitFor(
  async () => (await db.serviceState.count({ where: { lastStatus: "up" } })) >= services,
  (intervalSeconds + 20) * 1_000,
  "a first healthy round",
  100,
);

// Phase 1: 50 services break, ten at a time a second apart; each pages after two failed checks.
const broken = Array.from({ length: pagesWanted }, (_, index) => `t${index}`);
for (let index = 0; index < broken.length; index += 10) {
  await Promise.all(
    broken.slice(index, index + 10).map((id) => simulator.setBehaviour(id, { mode: "down" })),
  );
  await sleep(1_000);
}
const brokenIds = broken.map((name) => idOf.get(name) as string);
await waitFor(
  async () => {
    const pages = await db.page.findMany({
      where: { serviceId: { in: brokenIds } },
      select: { number: true },
    });
    return (
      pages.length >= pagesWanted &&
      pages.every((page) => mailAt.has(page.number) && hookAt.has(page.number))
    );
  },
  (intervalSeconds * 4 + 30) * 1_000,
  `${pagesWanted} pages by mail and webhook`,
  100,
);
const pages = await db.page.findMany({
  where: { serviceId: { in: brokenIds } },
  select: {
    number: true,
    serviceId: true,
    createdAt: true,
    alert: { select: { startedAt: true, updatedAt: true } },
  },
});
const fromCheck: {
  mail: number[];
  hook: number[];
  both: number[];
  opened: number[];
  stored: number[];
} = { mail: [], hook: [], both: [], opened: [], stored: [] };
const fromSlot: number[] = [];
for (const page of pages) {
  const slot = page.alert?.startedAt as Date;
  // The crossing check: the alert starts at its scheduled slot; it finished when its result was taken.
  const crossing = await db.checkResult.findFirst({
    where: { serviceId: page.serviceId as string, scheduledAt: slot },
    select: { startedAt: true, latencyMs: true },
  });
  const finishedAt = (crossing?.startedAt.getTime() ?? slot.getTime()) + (crossing?.latencyMs ?? 0);
  const mail = (mailAt.get(page.number) as number) - finishedAt;
  const hooked = (hookAt.get(page.number) as number) - finishedAt;
  fromCheck.mail.push(mail);
  fromCheck.hook.push(hooked);
  fromCheck.both.push(Math.max(mail, hooked));
  // Where the time goes: the alert row written by the writer's batch, then the page opened by the pager.
  fromCheck.stored.push((page.alert?.updatedAt.getTime() ?? finishedAt) - finishedAt);
  fromCheck.opened.push(page.createdAt.getTime() - finishedAt);
  fromSlot.push(
    Math.max(mailAt.get(page.number) as number, hookAt.get(page.number) as number) - slot.getTime(),
  );
}
const figure = (values: number[]) =>
  `p50 ${percentile(values, 0.5)?.toFixed(0)} ms, p95 ${percentile(values, 0.95)?.toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
const p95 = percentile(fromCheck.both, 0.95) ?? Infinity;
console.log(
  `pages: ${pages.length} for ${pagesWanted} broken services (one each: ${new Set(pages.map((page) => page.serviceId)).size} services)`,
);
console.log(`crossing check finished -> SMTP receiver has it:    ${figure(fromCheck.mail)}`);
console.log(`crossing check finished -> webhook receiver has it: ${figure(fromCheck.hook)}`);
console.log(
  `crossing check finished -> both have it:            ${figure(fromCheck.both)}   [target: p95 <= 5000 ms] ${p95 <= 5_000 ? "OK" : "MISSED"}`,
);
console.log(`crossing check's slot   -> both have it:            ${figure(fromSlot)}`);
console.log(
  `  of which: check finished -> alert stored ${figure(fromCheck.stored)}; -> page opened ${figure(fromCheck.opened)}`,
);

// Phase 2: the fleet is the first 200 services (the rest disabled), healthy again, then all fail at once.
await Promise.all(broken.map((id) => simulator.setBehaviour(id, { mode: "healthy" })));
const fleet = Array.from({ length: fleetFailing }, (_, index) => `t${index}`);
await db.service.updateMany({ where: { name: { notIn: fleet } }, data: { enabled: false } });
await poller.refresh();
await waitFor(
  async () => (await db.page.count({ where: { openKey: { not: null } } })) === 0,
  (intervalSeconds * 4 + 30) * 1_000,
  "every page resolved after the fix",
  100,
);
const monitorBefore = await db.monitorStatus.findUnique({ where: { id: 1 } });
const before = await db.page.aggregate({ _max: { number: true } });
const sinceNumber = before._max.number ?? 0;
console.log(
  `fleet of ${fleetFailing}: every page resolved (monitor degraded: ${monitorBefore?.degraded ?? false}); now all fail at once …`,
);
await Promise.all(fleet.map((id) => simulator.setBehaviour(id, { mode: "down" })));
const failedAt = Date.now();
await waitFor(
  async () =>
    (await db.page.count({ where: { number: { gt: sinceNumber }, kind: "monitor" } })) > 0,
  (intervalSeconds * 3 + 30) * 1_000,
  "the monitor page",
  100,
);
const monitorPageAfterMs = Date.now() - failedAt;
// Several more check rounds: every service's second failure has long passed and would have paged on its own.
await sleep(intervalSeconds * 3 * 1_000);
const opened = await db.page.findMany({
  where: { number: { gt: sinceNumber } },
  select: { kind: true, title: true },
});
const downAlerts = await db.alert.count({ where: { endedAt: null, level: "page" } });
const monitorPages = opened.filter((page) => page.kind === "monitor").length;
console.log(
  `${fleetFailing} services failing at once: ${downAlerts} open page-level alerts -> ${opened.length} page(s) opened: ${monitorPages} monitor ("${opened.find((page) => page.kind === "monitor")?.title}"), ` +
    `${opened.length - monitorPages} per service; the monitor page ${monitorPageAfterMs} ms after the fleet failed   [target: exactly 1 monitor page] ${opened.length === 1 && monitorPages === 1 ? "OK" : "MISSED"}`,
);

clearInterval(hookTimer);
await poller.stop();
await pager.stop();
await deliverer.stop();
await writer.close();
await simulator.stop();
await hook.close();
await smtp.close();
await disconnectDb();
await database.drop();
process.exit(0);
