import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as checkNowRoute } from "@/app/api/v1/services/[id]/check/route";
import { GET as statusRoute } from "@/app/api/v1/status/route";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CheckOutcome } from "@/lib/health/check";
import { createService } from "@/lib/services/mutations";
import { getStatusSummary } from "@/lib/health/data";
import { Poller, type ScheduledService } from "@/lib/health/poller";
import { recordOutcomes } from "@/lib/health/record";
import type { CheckView, ProbeProfile, StatusSummary } from "@/lib/health/types";
import { isRowSpecificRefusal, ResultWriter } from "@/lib/health/writer";
import { parseAllowRule } from "@/lib/outbound/policy";
import { visibleNul } from "@/lib/postgres-text";
import type { Simulator } from "@/dev/simulator/fleet";
import { checkOutcome, makeUser } from "@/test/fixtures";
import { startReachableSimulator } from "@/test/simulator";
import { createApiToken } from "@/lib/tokens/data";

const admin = { id: null, label: "vitest" };
let simulator: Simulator;
let stopSimulator = async () => {};

beforeAll(async () => {
  ({ simulator, stop: stopSimulator } = await startReachableSimulator({
    targets: [
      { id: "fine", kind: "generic" },
      { id: "nul", kind: "generic", behaviour: { mode: "nul-version" } },
      { id: "mcp-nul", kind: "mcp", behaviour: { mode: "nul-version" } },
      { id: "binary", kind: "generic", behaviour: { mode: "binary-500" } },
      { id: "huge", kind: "generic", behaviour: { mode: "huge-values" } },
    ],
  }));
});

afterAll(async () => {
  await stopSimulator();
  // The monitor status is one row for the whole database: leave it as other test files expect it.
  await db.monitorStatus.updateMany({
    data: { unstoredCount: 0, unstoredSince: null, unstoredLastAt: null, unstoredReason: null },
  });
  await db.healthEvent.deleteMany({
    where: {
      kind: { in: ["monitor_degraded", "monitor_recovered"] },
      serviceId: null,
      reason: { contains: "could not be stored" },
    },
  });
});

async function makeService(target: string, profile: ProbeProfile = "generic_json") {
  return createService(admin, {
    name: `d5-${target}-${randomUUID().slice(0, 8)}`,
    environment: "d5",
    baseUrl: simulator.urlOf(target),
    profile,
    checkTlsExpiry: false,
  });
}

async function resultsOf(serviceId: string) {
  return db.checkResult.findMany({ where: { serviceId }, orderBy: { scheduledAt: "asc" } });
}

const minuteAgo = () => new Date(Date.now() - 60_000);

/** Writes `outcomes` through a new writer, waits until none is left in its buffer, closes it and hands it back. */
async function writeAll(
  outcomes: CheckOutcome[],
  log?: (line: string) => void,
): Promise<ResultWriter> {
  const writer = new ResultWriter({ flushDelayMs: 10, ...(log ? { log } : {}) });
  for (const outcome of outcomes) writer.add(outcome);
  await writer.flush();
  const started = Date.now();
  while (writer.getStats().buffered > 0 && Date.now() - started < 20_000)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await writer.close();
  return writer;
}

async function storedResultsOf(services: { id: string }[]) {
  return db.checkResult.findMany({
    where: { serviceId: { in: services.map((service) => service.id) } },
  });
}

describe("one target's answer never stops the others' results", () => {
  it("writes a batch of 20 normal outcomes and one NUL-poisoned one: all 21, the bad one shown cleaned", async () => {
    const services = await Promise.all(Array.from({ length: 21 }, () => makeService("fine")));
    const at = minuteAgo();
    const outcomes: CheckOutcome[] = services.map((service) =>
      checkOutcome(service.id, {
        status: "up",
        scheduledAt: at,
        reason: "all checks passed",
        version: "2.0.0",
      }),
    );
    outcomes[10] = checkOutcome(services[10]?.id as string, {
      status: "down",
      scheduledAt: at,
      reason: "/health: HTTP 500 \u0000",
      version: "1.0\u0000",
      bodySample: "\u001f\u008b\u0008\u0000\u0000 gzip \uD800",
      figures: { "queue\u0000": "deep\uDC00" },
    });
    const writer = await writeAll(outcomes);

    const stored = await storedResultsOf(services);
    expect(stored).toHaveLength(21);
    const poisoned = stored.find((row) => row.serviceId === services[10]?.id);
    expect(poisoned).toMatchObject({
      status: "down",
      version: `1.0${visibleNul}`,
      reason: `/health: HTTP 500 ${visibleNul}`,
      figures: { [`queue${visibleNul}`]: "deep\uFFFD" },
    });
    expect(poisoned?.bodySample).toBe(`\u001f\u008b\u0008${visibleNul}${visibleNul} gzip \uFFFD`);
    expect(writer.getStats()).toMatchObject({ written: 21, dropped: 0, unstorable: 0 });
  });

  it("splits a refused batch so the other rows are written, and keeps the refused row as status and reason", async () => {
    const services = await Promise.all(Array.from({ length: 21 }, () => makeService("fine")));
    const at = minuteAgo();
    const outcomes = services.map((service) =>
      checkOutcome(service.id, { status: "up", scheduledAt: at, reason: "all checks passed" }),
    );
    // Not text this time: a value no cleaning can fix, which refuses the whole transaction.
    // (A date before 4713 BC: JavaScript holds it, Postgres refuses it as out of range.)
    outcomes[3] = {
      ...(outcomes[3] as CheckOutcome),
      status: "degraded",
      tlsExpiresAt: new Date("-010000-01-01T00:00:00Z"),
    };
    const logs: string[] = [];
    const writer = await writeAll(outcomes, (line) => logs.push(line));

    const stored = await storedResultsOf(services);
    expect(stored).toHaveLength(21);
    const refused = stored.find((row) => row.serviceId === services[3]?.id);
    expect(refused?.status).toBe("degraded");
    expect(refused?.reason).toMatch(/^the answer could not be stored: /);
    expect(writer.getStats()).toMatchObject({
      written: 21,
      storedMinimal: 1,
      unstorable: 0,
      dropped: 0,
    });
    expect(logs.join("\n")).toMatch(/stored only the status of the result of service/);
  });

  it("counts a row that cannot be stored even in its minimal form, and marks monitoring degraded", async () => {
    const [good, bad] = await Promise.all([makeService("fine"), makeService("fine")]);
    const since = new Date();
    const writer = await writeAll(
      [
        checkOutcome(good?.id as string, {
          status: "up",
          scheduledAt: minuteAgo(),
          reason: "all checks passed",
        }),
        checkOutcome(bad?.id as string, {
          status: "up",
          scheduledAt: new Date(Number.NaN),
          reason: "a slot that cannot exist",
        }),
      ],
      () => undefined,
    );

    expect(await resultsOf(good?.id as string)).toHaveLength(1);
    expect(writer.getStats()).toMatchObject({ unstorable: 1, buffered: 0 });
    const summary = await getStatusSummary();
    expect(summary.monitor.degraded).toBe(true);
    expect(summary.monitor.unstored?.count).toBeGreaterThanOrEqual(1);
    expect(summary.monitor.unstored?.reason).toMatch(/the database refused a result/);
    const events = await db.healthEvent.findMany({
      where: { kind: "monitor_degraded", at: { gte: new Date(since.getTime() - 1_000) } },
    });
    expect(events.map((event) => event.reason).join("\n")).toMatch(
      /monitoring is degraded: 1 check result could not be stored/,
    );
  });

  it("clears the unstored count once results have been stored for ten quiet minutes, with a monitor_recovered event", async () => {
    const service = await makeService("fine");
    await db.monitorStatus.upsert({
      where: { id: 1 },
      create: {
        id: 1,
        unstoredCount: 3,
        unstoredSince: new Date(Date.now() - 20 * 60_000),
        unstoredLastAt: new Date(Date.now() - 11 * 60_000),
        unstoredReason: "test",
      },
      update: {
        unstoredCount: 3,
        unstoredSince: new Date(Date.now() - 20 * 60_000),
        unstoredLastAt: new Date(Date.now() - 11 * 60_000),
        unstoredReason: "test",
      },
    });
    expect((await getStatusSummary()).monitor.unstored?.count).toBe(3);
    await recordOutcomes([
      checkOutcome(service.id, {
        status: "up",
        scheduledAt: minuteAgo(),
        reason: "all checks passed",
      }),
    ]);
    expect((await getStatusSummary()).monitor.unstored).toBeNull();
    const recovered = await db.healthEvent.findFirst({
      where: {
        kind: "monitor_recovered",
        reason: { startsWith: "check results are stored again (3 could not be stored" },
      },
    });
    expect(recovered).not.toBeNull();
  });

  it("stores poisoned answers checked through the real poller path, next to a healthy service", async () => {
    const made = {
      fine: await makeService("fine"),
      nul: await makeService("nul"),
      mcpNul: await makeService("mcp-nul", "holoscript_mcp"),
      binary: await makeService("binary"),
      huge: await makeService("huge"),
    };
    const scheduled: ScheduledService[] = Object.values(made).map((service) => ({
      id: service.id,
      baseUrl: service.baseUrl,
      profile: service.profile,
      timeoutSeconds: 2,
      latencySloMs: 3_000,
      sampleProbe: null,
      checkTlsExpiry: false,
      intervalSeconds: 1,
    }));
    const writer = new ResultWriter({ flushDelayMs: 20, log: () => undefined });
    const poller = new Poller({
      onOutcome: (outcome) => writer.add(outcome),
      loadServices: async () => scheduled,
      loadRules: async () => [parseAllowRule("127.0.0.1")],
    });
    await poller.start();
    const started = Date.now();
    const ids = scheduled.map((service) => service.id);
    while (Date.now() - started < 15_000) {
      const counts = await db.checkResult.groupBy({
        by: ["serviceId"],
        where: { serviceId: { in: ids } },
        _count: true,
      });
      if (counts.length === ids.length && counts.every((row) => row._count >= 2)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await poller.stop();
    await writer.close();

    const latest = async (serviceId: string) => (await resultsOf(serviceId)).at(-1);
    expect(await latest(made.fine.id)).toMatchObject({ status: "up" });
    expect(await latest(made.nul.id)).toMatchObject({ status: "up", version: `1.0${visibleNul}` });
    expect(await latest(made.mcpNul.id)).toMatchObject({ version: `1.0${visibleNul}` });
    const binary = await latest(made.binary.id);
    expect(binary).toMatchObject({ status: "down", httpStatus: 500 });
    expect(binary?.bodySample).toContain("\uFFFD");
    expect(binary?.bodySample).toContain(visibleNul);
    const huge = await latest(made.huge.id);
    expect(huge?.version?.length).toBeLessThan(300);
    expect(huge?.figures).toMatchObject({ [`queue${visibleNul}\uFFFD`]: 1e308 });
    const state = await db.serviceState.findUniqueOrThrow({ where: { serviceId: made.nul.id } });
    expect(state).toMatchObject({ lastStatus: "up", lastVersion: `1.0${visibleNul}` });
    expect(writer.getStats()).toMatchObject({ dropped: 0, unstorable: 0, storedMinimal: 0 });
  });

  it('answers "check now" on a service whose answer holds a NUL with the cleaned result, not 500', async () => {
    const service = await makeService("nul");
    const owner = await makeUser("responder");
    const { secret } = await createApiToken(admin, { ownerEmail: owner.email, name: "d5 token" });
    const request = new Request(`http://vigil.test/api/v1/services/${service.id}/check`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
    });
    const response = await checkNowRoute(request, { params: Promise.resolve({ id: service.id }) });
    expect(response.status).toBe(200);
    const { check } = (await response.json()) as { check: CheckView };
    expect(check).toMatchObject({ status: "up", version: `1.0${visibleNul}`, manual: true });
  });
});

describe("a service whose results stop arriving", () => {
  it("shows unknown with how long results have been missing, on the tile and in the API, never a stale Up", async () => {
    const stale = await createService(admin, {
      name: `d5-stale-${randomUUID().slice(0, 8)}`,
      environment: "d5",
      baseUrl: "https://stale.example.test",
      profile: "http",
      intervalSeconds: 30,
    });
    const fresh = await createService(admin, {
      name: `d5-fresh-${randomUUID().slice(0, 8)}`,
      environment: "d5",
      baseUrl: "https://fresh.example.test",
      profile: "http",
      intervalSeconds: 30,
    });
    await recordOutcomes([
      checkOutcome(stale.id, {
        status: "up",
        scheduledAt: new Date(Date.now() - 10 * 60_000),
        reason: "all checks passed",
      }),
      checkOutcome(fresh.id, {
        status: "up",
        scheduledAt: new Date(Date.now() - 5_000),
        reason: "all checks passed",
      }),
    ]);

    const summary = await getStatusSummary({ environment: "d5" });
    const tileOf = (tiles: StatusSummary["tiles"], id: string) =>
      tiles.find((tile) => tile.id === id);
    expect(tileOf(summary.tiles, stale.id)).toMatchObject({
      status: "unknown",
      reason: expect.stringMatching(/^no result stored for 10 min .*the last one stored said up/),
    });
    expect(tileOf(summary.tiles, fresh.id)).toMatchObject({
      status: "up",
      reason: "all checks passed",
    });
    expect(summary.monitor.stale?.services).toBeGreaterThanOrEqual(1);
    expect(summary.monitor.degraded).toBe(true);

    const viewer = await makeUser("viewer");
    const { secret } = await createApiToken(admin, { ownerEmail: viewer.email, name: "d5 viewer" });
    const response = await statusRoute(
      new Request("http://vigil.test/api/v1/status?environment=d5", {
        headers: { authorization: `Bearer ${secret}` },
      }),
      { params: Promise.resolve({}) } as never,
    );
    const api = (await response.json()) as StatusSummary;
    expect(tileOf(api.tiles, stale.id)?.status).toBe("unknown");
  });
});

describe("which refusals split a batch", () => {
  it("splits on what is about the rows, and keeps results buffered on what is about the database", async () => {
    const nulRefusal = await db.checkResult
      .create({
        data: {
          serviceId: randomUUID(),
          scheduledAt: new Date(),
          startedAt: new Date(),
          status: "up",
          reason: "x\u0000",
        },
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isRowSpecificRefusal(nulRefusal)).toBe(true);
    expect(isRowSpecificRefusal(new RangeError("Invalid time value"))).toBe(true);
    expect(
      isRowSpecificRefusal(
        new Prisma.PrismaClientKnownRequestError(
          "Transaction API error: Unable to start a transaction in the given time.",
          { code: "P2028", clientVersion: "7" },
        ),
      ),
    ).toBe(false);
    expect(
      isRowSpecificRefusal(
        new Prisma.PrismaClientKnownRequestError("Can't reach database server", {
          code: "P1001",
          clientVersion: "7",
        }),
      ),
    ).toBe(false);
  });
});
