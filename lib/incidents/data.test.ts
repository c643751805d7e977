import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordOutcomes } from "@/lib/health/record";
import {
  findIncidentByReference,
  getIncident,
  incidentReport,
  latestFailingChecks,
  listIncidents,
  listTickedSteps,
  listTimeline,
} from "@/lib/incidents/data";
import { appendTimelineEntry, declareIncident, updateIncident } from "@/lib/incidents/mutations";
import { incidentListFilterSchema } from "@/lib/incidents/schema";
import type { TimelineEntryView } from "@/lib/incidents/types";
import { checkOutcome, makeUser } from "@/test/fixtures";
import { makePublicService } from "@/test/services";

let responder: Actor;
beforeAll(async () => {
  responder = await makeUser("responder", "data");
});

const filter = (input: Record<string, unknown>) => incidentListFilterSchema.parse(input);

async function notFound(call: Promise<unknown>): Promise<void> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("not_found");
}

describe("keyset pages of a timeline", () => {
  it(
    "returns each of 250 entries exactly once, newest first, with ties on occurredAt broken by id",
    { timeout: 120_000 },
    async () => {
      const { incident } = await declareIncident(responder, {
        title: "pagination",
        severity: "sev3",
      });
      const base = Date.now() - 60 * 60_000;
      for (let index = 0; index < 250; index += 10) {
        await Promise.all(
          Array.from({ length: 10 }, (_, offset) =>
            // Three entries share each second, and they arrive out of time order.
            appendTimelineEntry(responder, incident.id, {
              body: `entry ${index + offset}`,
              occurredAt: new Date(
                base + Math.floor((((index + offset) * 7) % 250) / 3) * 1000,
              ).toISOString(),
            }),
          ),
        );
      }
      const rows = await db.timelineEntry.findMany({
        where: { incidentId: incident.id },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        select: { id: true },
      });
      expect(rows).toHaveLength(251);

      const seen: TimelineEntryView[] = [];
      const pageSizes: number[] = [];
      let before: string | undefined;
      do {
        const page = await listTimeline(incident.id, { before, limit: 40 });
        pageSizes.push(page.entries.length);
        seen.push(...page.entries);
        before = page.nextBefore ?? undefined;
      } while (before);
      expect(pageSizes).toEqual([40, 40, 40, 40, 40, 40, 11]);
      expect(seen.map((entry) => entry.id)).toEqual(rows.map((row) => row.id.toString()));

      const exact = await listTimeline(incident.id, { limit: 251 });
      expect(exact.nextBefore).toBeNull();
      expect(await listTimeline(incident.id, { before: "999999999999", limit: 10 })).toEqual({
        entries: [],
        nextBefore: null,
      });
    },
  );

  it("answers 404 for a missing incident, an empty page for another incident's cursor", async () => {
    await notFound(listTimeline(randomUUID(), { limit: 10 }));
    await notFound(listTimeline("report", { limit: 10 }));
    const { incident } = await declareIncident(responder, { title: "a", severity: "sev3" });
    const { incident: other } = await declareIncident(responder, { title: "b", severity: "sev3" });
    const foreign = await appendTimelineEntry(responder, other.id, { body: "elsewhere" });
    expect(await listTimeline(incident.id, { before: foreign.entry.id, limit: 10 })).toEqual({
      entries: [],
      nextBefore: null,
    });
  });
});

describe("reading incidents", () => {
  it("finds an incident by number, #number or id, and nothing else", async () => {
    const { incident } = await declareIncident(responder, {
      title: "by reference",
      severity: "sev3",
    });
    const expected = { id: incident.id, number: incident.number };
    expect(await findIncidentByReference(String(incident.number))).toEqual(expected);
    expect(await findIncidentByReference(`#${incident.number}`)).toEqual(expected);
    expect(await findIncidentByReference(` ${incident.id} `)).toEqual(expected);
    await notFound(findIncidentByReference("999999999"));
    await notFound(findIncidentByReference(randomUUID()));
    await notFound(findIncidentByReference("studio"));
  });

  it("refuses a non-uuid id with 404 rather than a database error", async () => {
    await notFound(getIncident("report"));
    await notFound(getIncident(randomUUID()));
  });

  it("filters by status (open too), severity, service and declared time, open ones first", async () => {
    const service = await makePublicService(`list-svc-${randomUUID().slice(0, 6)}`);
    const declareOnService = async (title: string, severity: "sev1" | "sev2") =>
      (await declareIncident(responder, { title, severity, serviceIds: [service.id] })).incident;
    const resolved = await declareOnService("resolved one", "sev1");
    await updateIncident(responder, resolved.id, {
      version: resolved.version,
      status: "resolved",
      rootCause: "fixed",
    });
    const mitigated = await declareOnService("mitigated one", "sev2");
    await updateIncident(responder, mitigated.id, {
      version: mitigated.version,
      status: "mitigated",
    });
    const open = await declareOnService("open one", "sev2");

    const ids = async (input: Record<string, unknown>) =>
      (await listIncidents(filter({ service: service.id, ...input }))).map((item) => item.id);
    expect(await ids({})).toEqual([open.id, mitigated.id, resolved.id]);
    expect(await ids({ status: "open" })).toEqual([open.id, mitigated.id]);
    expect(await ids({ status: "resolved" })).toEqual([resolved.id]);
    expect(await ids({ status: "mitigated" })).toEqual([mitigated.id]);
    expect(await ids({ severity: "SEV1" })).toEqual([resolved.id]);
    expect(await ids({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await ids({ to: new Date(Date.now() - 3_600_000).toISOString() })).toEqual([]);
    expect(await ids({ limit: "1" })).toEqual([open.id]);
    const [item] = await listIncidents(filter({ service: service.id, limit: 1 }));
    expect(item).toMatchObject({
      number: open.number,
      title: "open one",
      severity: "sev2",
      status: "investigating",
      services: [{ id: service.id, name: service.name }],
    });
    expect(incidentListFilterSchema.safeParse({ status: "closed" }).success).toBe(false);
  });

  it("lists ticked runbook steps once each and the affected services' latest failing checks", async () => {
    const service = await makePublicService(`failing-svc-${randomUUID().slice(0, 6)}`);
    const { incident } = await declareIncident(responder, {
      title: "steps",
      severity: "sev2",
      serviceIds: [service.id],
    });
    await appendTimelineEntry(responder, incident.id, {
      kind: "action",
      body: "Checked /health",
      stepKey: "triage:health",
    });
    await appendTimelineEntry(responder, incident.id, {
      kind: "action",
      body: "Checked /health again",
      stepKey: "triage:health",
    });
    await appendTimelineEntry(responder, incident.id, {
      kind: "action",
      body: "Read the logs",
      stepKey: "triage:logs",
    });
    expect((await listTickedSteps(incident.id)).sort()).toEqual(["triage:health", "triage:logs"]);

    expect(await latestFailingChecks([])).toEqual([]);
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    const check = (status: "up" | "down", scheduledAt: Date, reason: string) =>
      checkOutcome(service.id, {
        status,
        scheduledAt,
        reason,
        httpStatus: status === "down" ? 502 : 200,
        latencyMs: 30,
      });
    await recordOutcomes([
      check("down", at(3), "HTTP 502 from the edge"),
      check("down", at(2), "HTTP 502 again"),
      check("up", at(1), "ok"),
    ]);
    expect(await latestFailingChecks([service.id])).toEqual([
      {
        serviceId: service.id,
        serviceName: service.name,
        status: "down",
        reason: "HTTP 502 again",
        httpStatus: 502,
        at: at(2).toISOString(),
      },
    ]);
  });

  it("counts incidents per month by severity and times to mitigate and resolve", async () => {
    const before = await incidentReport(3);
    expect(before.months).toHaveLength(3);
    const month = new Date().toISOString().slice(0, 7);
    expect(before.months.at(-1)?.month).toBe(month);

    const first = (await declareIncident(responder, { title: "report one", severity: "sev1" }))
      .incident;
    await declareIncident(responder, { title: "report two", severity: "sev1" });
    await declareIncident(responder, { title: "report three", severity: "sev3" });
    await updateIncident(responder, first.id, {
      version: first.version,
      status: "resolved",
      rootCause: "a bad config push",
    });

    const after = await incidentReport(3);
    const now = after.months.at(-1);
    const then = before.months.at(-1);
    expect(now).toEqual({
      month,
      sev1: (then?.sev1 ?? 0) + 2,
      sev2: then?.sev2 ?? 0,
      sev3: (then?.sev3 ?? 0) + 1,
    });
    expect(after.timeToResolve.count).toBe(before.timeToResolve.count + 1);
    expect(after.timeToMitigate.count).toBe(before.timeToMitigate.count + 1);
    expect(after.timeToResolve.medianMs).not.toBeNull();
  });
});
