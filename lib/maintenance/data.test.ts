import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createService } from "@/lib/services/mutations";
import { getServiceDetail, getStatusSummary, listChecks } from "@/lib/health/data";
import { recordOutcomes } from "@/lib/health/record";
import type { UptimeDay } from "@/lib/health/types";
import {
  cancelMaintenanceWindow,
  createMaintenanceWindow,
  endMaintenanceWindow,
  getMaintenanceWindow,
  listMaintenanceWindows,
  maintenanceExcludedFromUptime,
  servicesInMaintenance,
  setMaintenanceExcludedFromUptime,
} from "@/lib/maintenance/data";
import { checkOutcome, makeUser, refusal } from "@/test/fixtures";

const vitest = { id: null, label: "vitest" };
const minute = 60_000;

async function makeService(label = "svc") {
  return createService(vitest, {
    name: `${label}-${randomUUID().slice(0, 8)}`,
    baseUrl: "https://maintenance.example.test",
    profile: "http",
    environment: "maintenance-test",
  });
}

const initialSetting = await maintenanceExcludedFromUptime();
afterAll(async () => {
  await setMaintenanceExcludedFromUptime(vitest, { excluded: initialSetting });
});

describe("maintenance windows", () => {
  it("refuses bad input with field errors: no service, no reason, no end, end before start, too long, already over, unknown service", async () => {
    const responder = await makeUser("responder");
    const service = await makeService();
    const empty = await refusal(createMaintenanceWindow(responder, { services: [], reason: "" }));
    expect(empty.code).toBe("validation_failed");
    expect(Object.keys(empty.fields ?? {}).sort()).toEqual(["endsAt", "reason", "services"]);
    const noEnd = await refusal(
      createMaintenanceWindow(responder, { services: [service.id], reason: "db upgrade" }),
    );
    expect(noEnd.fields?.endsAt?.[0]).toMatch(/end time or a duration/);
    const backwards = await refusal(
      createMaintenanceWindow(responder, {
        services: [service.id],
        reason: "x",
        startsAt: "2030-01-01T02:00:00Z",
        endsAt: "2030-01-01T01:00:00Z",
      }),
    );
    expect(backwards.fields?.endsAt?.[0]).toMatch(/after the start/);
    const tooLong = await refusal(
      createMaintenanceWindow(responder, {
        services: [service.id],
        reason: "x",
        durationMinutes: 8 * 24 * 60,
      }),
    );
    expect(tooLong.fields?.durationMinutes?.[0]).toMatch(/7 days/);
    const over = await refusal(
      createMaintenanceWindow(responder, {
        services: [service.id],
        reason: "x",
        startsAt: "2020-01-01T00:00:00Z",
        durationMinutes: 30,
      }),
    );
    expect(over.fields?.durationMinutes?.[0]).toMatch(/already be over/);
    const unknown = await refusal(
      createMaintenanceWindow(responder, {
        services: [service.id, "no-such-service-anywhere"],
        reason: "x",
        durationMinutes: 30,
      }),
    );
    expect(unknown.fields?.services?.[0]).toMatch(/No service is called no-such-service-anywhere/);
    expect(await db.maintenanceWindowService.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("creates a window by service name for 30 minutes, audited; ends early once (409 the second time), audited", async () => {
    const responder = await makeUser("responder");
    const service = await makeService();
    const now = new Date();
    const window = await createMaintenanceWindow(
      responder,
      { services: service.name, reason: "Postgres upgrade", durationMinutes: "30m" },
      now,
    );
    expect(window).toMatchObject({
      state: "active",
      reason: "Postgres upgrade",
      recurrence: "none",
      createdBy: responder.name,
      version: 1,
    });
    expect(window.services.map((entry) => entry.id)).toEqual([service.id]);
    expect(Date.parse(window.endsAt) - now.getTime()).toBe(30 * minute);
    expect(
      (await servicesInMaintenance(new Date(now.getTime() + minute), db, [service.id]))
        .get(service.id)
        ?.toISOString(),
    ).toBe(window.endsAt);
    const tile = (await getServiceDetail(service.id))?.tile;
    expect(tile?.maintenanceUntil).toBe(window.endsAt);

    const ended = await endMaintenanceWindow(
      responder,
      window.id,
      {},
      new Date(now.getTime() + 5 * minute),
    );
    expect(ended).toMatchObject({ state: "ended", endedBy: responder.name, version: 2 });
    expect(
      (await servicesInMaintenance(new Date(now.getTime() + 6 * minute), db, [service.id])).size,
    ).toBe(0);
    const again = await refusal(
      endMaintenanceWindow(responder, window.id, {}, new Date(now.getTime() + 6 * minute)),
    );
    expect(again.code).toBe("conflict");
    expect(again.message).toMatch(/already ended/);

    const audit = await db.auditLog.findMany({
      where: { targetId: window.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => [row.action, row.actorLabel])).toEqual([
      ["maintenance.create", responder.email],
      ["maintenance.end", responder.email],
    ]);
    expect(audit[0]?.details).toMatchObject({
      services: [service.name],
      reason: "Postgres upgrade",
    });
  });

  it("refuses a stale version with 409 and changes nothing; an unknown id is 404; viewers' rights are checked at the boundary", async () => {
    const responder = await makeUser("responder");
    const service = await makeService();
    const window = await createMaintenanceWindow(responder, {
      services: [service.id],
      reason: "x",
      durationMinutes: 60,
    });
    const stale = await refusal(endMaintenanceWindow(responder, window.id, { version: 7 }));
    expect(stale.code).toBe("conflict");
    expect(stale.details?.current).toMatchObject({ id: window.id, version: 1, state: "active" });
    expect((await getMaintenanceWindow(window.id)).endedAt).toBeNull();
    expect((await refusal(endMaintenanceWindow(responder, randomUUID()))).code).toBe("not_found");
    expect((await refusal(getMaintenanceWindow("nope"))).code).toBe("not_found");
  });

  it("two people ending the same window at once: one ends it, the other gets 409; one audit row", async () => {
    const [first, second] = [await makeUser("responder"), await makeUser("lead")];
    const service = await makeService();
    const window = await createMaintenanceWindow(first, {
      services: [service.id],
      reason: "race",
      durationMinutes: 60,
    });
    const outcomes = await Promise.allSettled([
      endMaintenanceWindow(first, window.id, { version: 1 }),
      endMaintenanceWindow(second, window.id, { version: 1 }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find(
      (outcome) => outcome.status === "rejected",
    ) as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "conflict" });
    expect(
      await db.auditLog.count({ where: { targetId: window.id, action: "maintenance.end" } }),
    ).toBe(1);
    expect((await getMaintenanceWindow(window.id)).version).toBe(2);
  });

  it("the uptime setting is saved on the settings version: a stale one is 409 and changes nothing", async () => {
    const before = await db.teamSettings.upsert({
      where: { id: 1 },
      create: { id: 1 },
      update: {},
    });
    const stale = await refusal(
      setMaintenanceExcludedFromUptime(vitest, {
        excluded: !before.maintenanceExcludedFromUptime,
        version: before.version - 1,
      }),
    );
    expect(stale.code).toBe("conflict");
    expect(await maintenanceExcludedFromUptime()).toBe(before.maintenanceExcludedFromUptime);
  });

  it("lists active, upcoming (weekly too) and recent windows; a weekly window's end cuts one occurrence and a cancel stops it", async () => {
    const responder = await makeUser("responder");
    const service = await makeService();
    const now = new Date();
    const active = await createMaintenanceWindow(
      responder,
      { services: [service.id], reason: "active", durationMinutes: 20 },
      now,
    );
    const upcoming = await createMaintenanceWindow(
      responder,
      {
        services: [service.id],
        reason: "upcoming",
        startsAt: new Date(now.getTime() + 60 * minute).toISOString(),
        durationMinutes: 20,
      },
      now,
    );
    const weekly = await createMaintenanceWindow(
      responder,
      {
        services: [service.id],
        reason: "weekly",
        startsAt: new Date(now.getTime() - 6 * 86_400_000).toISOString(),
        durationMinutes: 90,
        recurrence: "weekly",
      },
      now,
    );
    const list = await listMaintenanceWindows({ service: service.id }, now);
    expect(list.active.map((window) => window.id)).toEqual([active.id]);
    expect(list.upcoming.map((window) => window.id)).toEqual([upcoming.id, weekly.id]);
    expect(weekly.next?.start).toBe(new Date(now.getTime() + 86_400_000).toISOString());

    // The weekly window's next occurrence, ended early in its fifth minute; the one after runs in full.
    const inNext = new Date(now.getTime() + 86_400_000 + 5 * minute);
    const cut = await endMaintenanceWindow(responder, weekly.id, {}, inNext);
    expect(cut.state).toBe("upcoming");
    expect(cut.next?.start).toBe(new Date(now.getTime() + 8 * 86_400_000).toISOString());
    const cancelled = await cancelMaintenanceWindow(
      responder,
      weekly.id,
      { version: cut.version },
      inNext,
    );
    expect(cancelled).toMatchObject({ state: "ended", next: null });
    expect((await refusal(cancelMaintenanceWindow(responder, weekly.id))).code).toBe("conflict");

    // Ending an upcoming one-off window calls it off.
    const calledOff = await endMaintenanceWindow(responder, upcoming.id, {}, now);
    expect(calledOff).toMatchObject({ state: "ended", current: null, next: null });
    const after = await listMaintenanceWindows({ service: service.id }, inNext);
    expect(after.recent.map((window) => window.id).sort()).toEqual(
      [active.id, upcoming.id, weekly.id].sort(),
    );
  });

  it("a window over a broken service: results flagged, the time left out of uptime and the budget, and counted again when the setting is off", async () => {
    const responder = await makeUser("responder");
    const service = await makeService("broken");
    await db.service.update({ where: { id: service.id }, data: { intervalSeconds: 60 } });
    const now = Date.now();
    await createMaintenanceWindow(responder, {
      services: [service.id],
      reason: "replacing the disk",
      startsAt: new Date(now - 30 * minute).toISOString(),
      durationMinutes: 60,
    });
    const outcomes = [
      ...[45, 44, 43, 42].map((ago) =>
        checkOutcome(service.id, {
          status: "up",
          reason: "ok",
          scheduledAt: new Date(now - ago * minute),
          latencyMs: 40,
        }),
      ),
      ...[20, 19, 18, 17, 16, 15].map((ago) =>
        checkOutcome(service.id, {
          status: "down",
          reason: "connection refused",
          scheduledAt: new Date(now - ago * minute),
        }),
      ),
    ];
    await recordOutcomes(outcomes);
    // The bars are UTC days: shortly after midnight these results span yesterday's bar and today's, so the
    // bars holding them are added up (on any other day that is the last bar alone).
    const resultDays = new Set(
      outcomes.map((outcome) => outcome.scheduledAt.toISOString().slice(0, 10)),
    );
    const barsOfResults = (days: UptimeDay[]) => {
      const bars = days.filter((day) => resultDays.has(day.day));
      expect(bars).toHaveLength(resultDays.size);
      const sum = (field: "maintenance" | "total" | "down") =>
        bars.reduce((total, bar) => total + bar[field], 0);
      const total = sum("total");
      const excludedFlags = new Set(bars.map((bar) => bar.maintenanceExcluded));
      expect(excludedFlags.size).toBe(1);
      return {
        maintenance: sum("maintenance"),
        maintenanceExcluded: bars[0]?.maintenanceExcluded,
        total,
        down: sum("down"),
        uptime: total === 0 ? null : (total - sum("down")) / total,
      };
    };

    const results = await db.checkResult.findMany({
      where: { serviceId: service.id },
      orderBy: { scheduledAt: "asc" },
    });
    expect(results.map((row) => row.inMaintenance)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    const { checks } = await listChecks(service.id, { limit: 20 });
    expect(checks.filter((check) => check.inMaintenance)).toHaveLength(6);
    const rollups = await db.checkRollup.findMany({
      where: { serviceId: service.id, granularity: "day" },
    });
    expect(rollups.reduce((sum, row) => sum + row.maintenanceDown, 0)).toBe(6);
    expect(rollups.reduce((sum, row) => sum + row.down, 0)).toBe(6);
    expect(rollups.reduce((sum, row) => sum + row.total, 0)).toBe(10);

    await setMaintenanceExcludedFromUptime(vitest, { excluded: true });
    const excluded = await getServiceDetail(service.id);
    expect(excluded?.tile.uptime.day).toBe(1);
    expect(excluded?.tile.availability.uptime).toBe(1);
    expect(excluded?.tile.availability.budgetRemaining).toBe(1);
    expect(barsOfResults(excluded?.uptimeDays ?? [])).toMatchObject({
      maintenance: 6,
      maintenanceExcluded: true,
      total: 4,
      down: 0,
      uptime: 1,
    });

    await setMaintenanceExcludedFromUptime(vitest, { excluded: false });
    const included = await getServiceDetail(service.id);
    expect(included?.tile.uptime.day).toBeCloseTo(4 / 10, 5);
    expect(included?.tile.availability.budgetRemaining).toBeLessThan(1);
    expect(barsOfResults(included?.uptimeDays ?? [])).toMatchObject({
      maintenance: 6,
      maintenanceExcluded: false,
      total: 10,
      down: 6,
      uptime: 0.4,
    });
    await setMaintenanceExcludedFromUptime(vitest, { excluded: true });

    const audit = await db.auditLog.findMany({
      where: { action: "team.maintenance_uptime" },
      orderBy: { id: "desc" },
      take: 2,
    });
    expect(audit.map((row) => row.details)).toEqual([
      { maintenanceExcludedFromUptime: true },
      { maintenanceExcludedFromUptime: false },
    ]);
  });

  it("the burn rates leave maintenance out: a service down only inside its window does not burn", async () => {
    const responder = await makeUser("responder");
    const service = await makeService("burn");
    await db.service.update({ where: { id: service.id }, data: { intervalSeconds: 60 } });
    await setMaintenanceExcludedFromUptime(vitest, { excluded: true });
    const now = Date.now();
    await createMaintenanceWindow(responder, {
      services: [service.id],
      reason: "burn test",
      startsAt: new Date(now - 20 * minute).toISOString(),
      durationMinutes: 40,
    });
    const outcomes = [
      ...Array.from({ length: 40 }, (_, index) =>
        checkOutcome(service.id, {
          status: "up",
          reason: "ok",
          scheduledAt: new Date(now - (60 - index) * minute),
          latencyMs: 40,
        }),
      ),
      ...Array.from({ length: 15 }, (_, index) =>
        checkOutcome(service.id, {
          status: "down",
          reason: "refused",
          scheduledAt: new Date(now - (15 - index) * minute),
        }),
      ),
    ];
    await recordOutcomes(outcomes);
    const state = await db.serviceState.findUniqueOrThrow({ where: { serviceId: service.id } });
    // The last 5 minutes hold only maintenance results: no data, not a burn.
    expect(state.burnRates).toMatchObject({ fastLong: 0, fastShort: null });
    expect(await db.alert.count({ where: { serviceId: service.id, rule: "burn_fast" } })).toBe(0);
    const summary = await getStatusSummary({ environment: "maintenance-test" });
    const tile = summary.tiles.find((candidate) => candidate.id === service.id);
    expect(tile?.maintenanceUntil).not.toBeNull();
    expect(tile?.status).toBe("down");
  });
});
