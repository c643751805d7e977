import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, disconnectDb, type Db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import { createService } from "@/lib/services/mutations";
import { AdvisoryLeader, pollerLockKey, type LeaderOptions } from "@/lib/jobs/leader";
import { startMonitoring } from "@/lib/jobs/scheduler";
import { Poller, type ScheduledService } from "@/lib/health/poller";
import { nextSlotAfter } from "@/lib/health/slots";
import { ResultWriter } from "@/lib/health/writer";
import { parseAllowRule } from "@/lib/outbound/policy";
import { startSimulator, type Simulator } from "@/dev/simulator/fleet";
import { checkOutcome } from "@/test/fixtures";
import { startDatabaseProxy, type TcpProxy } from "@/test/tcp-proxy";

// Everything Vigil does in this file (the lock, the poller's reads, the writer) goes through the proxy;
// the assertions read the database directly, so they see what was really stored.
const directUrl = databaseUrl()!;
let proxy: TcpProxy;
let direct: Db;
let simulator: Simulator;
const allowRuleIds: string[] = [];
const admin = { id: null, label: "vitest" };
const rules = async () => [parseAllowRule("127.0.0.1")];

beforeAll(async () => {
  proxy = await startDatabaseProxy(directUrl);
  await disconnectDb();
  process.env.DATABASE_URL = proxy.urlFor(directUrl);
  direct = createDb(directUrl);
  simulator = await startSimulator({
    targets: [
      { id: "a", kind: "generic" },
      { id: "b", kind: "generic" },
    ],
  });
  // Only the simulator's own ports, and removed afterwards: a blanket 127.0.0.1 rule would let other files' "refused" cases through.
  for (const target of ["a", "b"]) {
    const rule = await addAllowRule(admin, {
      rule: `127.0.0.1:${new URL(simulator.urlOf(target)).port}`,
      note: "outage tests",
    }).catch(() => null);
    if (rule) allowRuleIds.push(rule.id);
  }
});

afterAll(async () => {
  for (const id of allowRuleIds) await removeAllowRule(admin, id).catch(() => undefined);
  await simulator.stop();
  await disconnectDb();
  await direct.$disconnect();
  process.env.DATABASE_URL = directUrl;
  await proxy.close();
});

/** A leader whose lock connection goes through the proxy, noting each change of leadership in `events`. */
function leaderThroughProxy(options: LeaderOptions = {}) {
  const events: string[] = [];
  const leader = new AdvisoryLeader(
    proxy.urlFor(directUrl),
    {
      onAcquired: () => events.push("acquired"),
      onLost: (reason) => events.push(`lost: ${reason}`),
      onProvisional: () => events.push("provisional"),
      onRegained: () => events.push("regained"),
    },
    { retryMs: 200, queryTimeoutMs: 1_000, ...options },
  );
  return { leader, events };
}

async function fleet(label: string): Promise<ScheduledService[]> {
  const services: ScheduledService[] = [];
  for (const target of ["a", "b"]) {
    const created = await createService(admin, {
      name: `${label}-${target}-${Date.now()}`,
      environment: "outage",
      baseUrl: simulator.urlOf(target),
      profile: "generic_json",
      intervalSeconds: 10,
      timeoutSeconds: 2,
    });
    // The app enforces 10 s; the poller itself takes any interval, so the test runs at 1 s.
    services.push({
      id: created.id,
      baseUrl: created.baseUrl,
      profile: "generic_json",
      intervalSeconds: 1,
      timeoutSeconds: 2,
      latencySloMs: 3_000,
      sampleProbe: null,
      checkTlsExpiry: false,
    });
  }
  return services;
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every slot of every service scheduled in (from, to], against what the database holds for that window. */
async function slotCoverage(services: ScheduledService[], from: number, to: number) {
  let expected = 0;
  const missing: string[] = [];
  let stored = 0;
  for (const service of services) {
    const rows = await direct.checkResult.findMany({
      where: { serviceId: service.id, scheduledAt: { gt: new Date(from), lte: new Date(to) } },
      select: { scheduledAt: true },
    });
    stored += rows.length;
    const storedSlots = new Set(rows.map((row) => row.scheduledAt.getTime()));
    for (
      let slot = nextSlotAfter(from, service.id, service.intervalSeconds);
      slot <= to;
      slot = nextSlotAfter(slot, service.id, service.intervalSeconds)
    ) {
      expected += 1;
      if (!storedSlots.has(slot)) missing.push(`${service.id}@${new Date(slot).toISOString()}`);
    }
  }
  return { expected, stored, missing };
}

describe("the poller through a database outage", () => {
  it("keeps checking through a cut, buffers, re-takes the lock and stores every scheduled slot after recovery", async () => {
    const services = await fleet("cut");
    const logs: string[] = [];
    const monitoring = startMonitoring({
      databaseUrl: proxy.urlFor(directUrl),
      leaderRetryMs: 300,
      log: (message) => logs.push(message),
      poller: { loadServices: async () => services, loadRules: rules, refreshMs: 500 },
    });
    try {
      await waitFor(() => monitoring.isLeader(), 10_000, "leading");
      await waitFor(
        async () =>
          (await direct.checkResult.count({ where: { serviceId: services[0]!.id } })) >= 2,
        10_000,
        "first results stored",
      );

      const cutAt = Date.now();
      await proxy.cut();
      await waitFor(
        () => monitoring.isProvisionalLeader(),
        5_000,
        "provisional lead after the cut",
      );
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const buffered = monitoring.writer.getStats();
      expect(monitoring.isLeader()).toBe(true);
      expect(buffered.databaseDown).toBe(true);
      expect(buffered.buffered).toBeGreaterThanOrEqual(6);
      const restoredAt = Date.now();
      await proxy.pass();

      await waitFor(() => !monitoring.isProvisionalLeader(), 10_000, "lock re-taken");
      await waitFor(
        () =>
          monitoring.writer.getStats().buffered === 0 && !monitoring.writer.getStats().databaseDown,
        20_000,
        "buffer written",
      );
      const coverage = await slotCoverage(services, cutAt, restoredAt);
      expect(coverage.expected).toBeGreaterThanOrEqual(8);
      expect(coverage.missing).toEqual([]);
      expect(coverage.stored).toBe(coverage.expected);
      expect(monitoring.writer.getStats().dropped).toBe(0);
      expect(logs.some((line) => /checks go on and their results are buffered/.test(line))).toBe(
        true,
      );
      expect(logs.some((line) => /stopping checks/.test(line))).toBe(false);
    } finally {
      await monitoring.stop();
    }
  }, 60_000);

  it("hands over to an instance that took the lock during the cut, and still writes its own buffered results", async () => {
    const services = await fleet("handover");
    const logs: string[] = [];
    const ours = startMonitoring({
      databaseUrl: proxy.urlFor(directUrl),
      leaderRetryMs: 300,
      log: (message) => logs.push(message),
      poller: { loadServices: async () => services, loadRules: rules, refreshMs: 500 },
    });
    // The other instance reaches the database directly: only our connection is cut.
    const theirWriter = new ResultWriter({ log: () => {} });
    const theirPoller = new Poller({
      onOutcome: (outcome) => theirWriter.add(outcome),
      loadServices: async () => services,
      loadRules: rules,
      refreshMs: 200,
    });
    let theyLead = false;
    const requestsSoFar = () =>
      simulator.requestCount("a", "/health") + simulator.requestCount("b", "/health");
    const requestsBefore = requestsSoFar();
    const theirs = new AdvisoryLeader(
      directUrl,
      {
        onAcquired: () => ((theyLead = true), void theirPoller.start()),
        onLost: () => void theirPoller.stop(),
      },
      { retryMs: 200 },
    );
    try {
      await waitFor(() => ours.isLeader(), 10_000, "ours leading");
      theirs.start();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(theyLead).toBe(false);

      const cutAt = Date.now();
      await proxy.cut();
      await waitFor(() => theyLead, 5_000, "the other instance takes the lock");
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(ours.isLeader()).toBe(true);
      expect(ours.writer.getStats().buffered).toBeGreaterThan(0);
      await proxy.pass();

      await waitFor(() => !ours.isLeader(), 10_000, "ours hands over");
      const handedOverAt = Date.now();
      await waitFor(
        () => ours.writer.getStats().buffered === 0 && theirWriter.getStats().buffered === 0,
        20_000,
        "both buffers written",
      );
      expect(logs.some((line) => /handing the checks over/.test(line))).toBe(true);

      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const coverage = await slotCoverage(services, cutAt, handedOverAt);
      expect(coverage.missing).toEqual([]);
      expect(coverage.stored).toBe(coverage.expected);
      // Both instances checked the slots of the cut, yet each slot was stored once.
      const requests = requestsSoFar() - requestsBefore;
      const storedTotal = await direct.checkResult.count({
        where: { serviceId: { in: services.map((service) => service.id) } },
      });
      expect(requests).toBeGreaterThan(storedTotal);
      expect(ours.writer.getStats().dropped + theirWriter.getStats().dropped).toBe(0);
    } finally {
      await theirs.stop();
      await theirPoller.stop();
      await theirWriter.close();
      await ours.stop();
    }
  }, 60_000);

  it("stops leading once the database has been unreachable longer than the provisional bound, and leads again when it is back", async () => {
    const { leader, events } = leaderThroughProxy({ maxProvisionalMs: 1_500 });
    try {
      leader.start();
      await waitFor(() => leader.isLeader, 5_000, "leading");
      await proxy.cut();
      await waitFor(() => !leader.isLeader, 5_000, "provisional lead ends");
      expect(events).toEqual(["acquired", "provisional", "lost: provisional-expired"]);
      await proxy.pass();
      await waitFor(() => leader.isLeader, 5_000, "leading again");
      expect(events.at(-1)).toBe("acquired");
    } finally {
      await leader.stop();
    }
  }, 30_000);

  it("after a partition, takes the lock back from its own ghost session instead of handing over to nobody", async () => {
    const { leader, events } = leaderThroughProxy();
    const lockHolders = async () =>
      (
        await direct.$queryRaw<
          Array<{ holders: number }>
        >`SELECT count(*)::int AS holders FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = ${pollerLockKey}
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`
      )[0]?.holders;
    try {
      leader.start();
      await waitFor(() => leader.isLeader, 5_000, "leading");
      await proxy.cut({ keepServerSide: true });
      await waitFor(() => leader.isProvisional, 5_000, "provisional lead");
      // Postgres has not noticed: the old session still holds the lock.
      expect(await lockHolders()).toBe(1);
      await proxy.pass();
      await waitFor(
        () => events.includes("regained") || events.some((event) => event.startsWith("lost")),
        10_000,
        "lock taken back",
      );
      expect(events).toEqual(["acquired", "provisional", "regained"]);
      expect(leader.isLeader && !leader.isProvisional).toBe(true);
      expect(await lockHolders()).toBe(1);
    } finally {
      await leader.stop();
    }
  }, 30_000);

  it("writes a batch whose COMMIT reached Postgres but whose answer was lost exactly once: no slot, event or rollup counted twice", async () => {
    const [service] = await fleet("lost-answer");
    const id = service!.id;
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 120_000;
    const slots = [minute + 1_000, minute + 11_000, minute + 21_000];
    const outcomes = slots.map((slot) =>
      checkOutcome(id, {
        status: "down",
        scheduledAt: new Date(slot),
        reason: "HTTP 502",
        latencyMs: 40,
      }),
    );
    const writer = new ResultWriter({ flushDelayMs: 10 });
    const lost = proxy.loseAnswerAfter("COMMIT");
    for (const outcome of outcomes) writer.add(outcome);
    await lost;
    // Applied before the writer's first retry (its backoff is 1 s): the answer, not the change, was lost.
    expect(await direct.checkResult.count({ where: { serviceId: id } })).toBe(3);
    await waitFor(
      () => writer.getStats().buffered === 0 && writer.getStats().failedFlushes > 0,
      15_000,
      "the retry after the lost answer",
    );
    await writer.close();

    expect(await direct.checkResult.count({ where: { serviceId: id } })).toBe(3);
    const events = await direct.healthEvent.findMany({
      where: { serviceId: id },
      select: { kind: true },
    });
    expect(events.map((event) => event.kind).sort()).toEqual(["alerting", "failing"]);
    const rollup = await direct.checkRollup.findFirst({
      where: { serviceId: id, granularity: "minute", bucket: new Date(minute) },
    });
    expect(rollup).toMatchObject({ total: 3, down: 3, latencyCount: 3 });
    const state = await direct.serviceState.findUnique({ where: { serviceId: id } });
    expect(state).toMatchObject({ consecutiveFailures: 3, alertState: "alerting" });
  }, 30_000);
});
