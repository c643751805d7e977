import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import {
  findDeployByReference,
  getDeploy,
  getRollbackGuidance,
  listDeploys,
  listInFlightDeploys,
  listServiceDeploys,
} from "@/lib/deploys/data";
import { recordDeploy, updateDeploy } from "@/lib/deploys/mutations";
import type { CreateDeployInput, DeployView } from "@/lib/deploys/types";
import { createService } from "@/lib/services/mutations";
import { getServiceDetail, getStatusSummary } from "@/lib/health/data";
import type { ProbeProfile } from "@/lib/health/labels";
import { declareIncident } from "@/lib/incidents/mutations";
import type { Severity } from "@/lib/incidents/labels";
import {
  subscribeHealthChanges,
  subscribeIncidentChanges,
  type HealthChange,
  type IncidentChange,
} from "@/lib/live/bus";
import { makeUser, refusal, allowLoopbackSimulators } from "@/test/fixtures";
import { declareResolvedIncident } from "@/test/incidents";

const system = { id: null, label: "vitest" };
let responder: Actor;
let other: Actor;

let releaseLoopback = async () => {};
afterAll(() => releaseLoopback());

beforeAll(async () => {
  responder = await makeUser("responder", "deployer");
  other = await makeUser("responder", "second");
  // Services point at a closed loopback port: a smoke check that does run answers "down" at once.
  releaseLoopback = await allowLoopbackSimulators(system);
});

async function makeService(
  name = `MCP ${randomUUID().slice(0, 6)}`,
  profile: ProbeProfile = "holoscript_mcp",
  environment = "production",
) {
  return createService(system, { name, baseUrl: "http://127.0.0.1:9", profile, environment });
}

/** An incident declared by the responder on `serviceId`, still open. */
async function openIncidentOn(serviceId: string, title: string, severity: Severity = "sev1") {
  return (await declareIncident(responder, { title, severity, serviceIds: [serviceId] })).incident;
}

function record(
  serviceRef: string,
  input: Partial<CreateDeployInput> = {},
  actor: Actor = responder,
) {
  return recordDeploy(actor, { service: serviceRef, version: "v1.2.3", ...input });
}

async function recorded(
  serviceRef: string,
  input: Partial<CreateDeployInput> = {},
): Promise<DeployView> {
  const { deploy, created } = await record(serviceRef, input);
  expect(created).toBe(true);
  return deploy;
}

describe("recording a deploy", () => {
  it("refuses bad input with 422 and a message per field", async () => {
    const service = await makeService();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ service: service.id }, "version", /version or the commit/],
      [{ service: service.id, commit: "not-a-sha!" }, "commit", /commit hash/],
      [
        { service: service.id, version: "v1", link: "javascript:alert(1)" },
        "link",
        /http\(s\) link/,
      ],
      [
        { service: service.id, version: "v1", status: "done" },
        "status",
        /started, succeeded, failed or rolled_back/,
      ],
      [
        { service: `no such service ${randomUUID()}`, version: "v1" },
        "service",
        /No service is called/,
      ],
      [{ service: randomUUID(), version: "v1" }, "service", /No service is called/],
      [{ version: "v1" }, "service", /.+/],
    ];
    for (const [input, field, message] of cases) {
      const error = await refusal(recordDeploy(responder, input as never));
      expect(error.code, JSON.stringify(input)).toBe("validation_failed");
      expect(error.fields?.[field]?.join(" "), JSON.stringify(input)).toMatch(message);
    }
    expect(await db.deploy.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("takes the service by id or exact name, defaults who to the caller and the environment to the service's", async () => {
    const service = await makeService(`Studio ${randomUUID().slice(0, 6)}`, "studio", "staging");
    const byName = await recorded(service.name.toUpperCase(), {
      commit: "ABCDEF1234567",
      version: undefined,
    });
    expect(byName.service).toEqual({ id: service.id, name: service.name, environment: "staging" });
    expect(byName).toMatchObject({
      status: "started",
      environment: "staging",
      commit: "abcdef1234567",
      label: "abcdef1",
      deployedBy: responder.name,
      finishedAt: null,
      smoke: null,
    });
    expect(byName.checklist).toEqual({
      ciGreen: null,
      noSecretsInDiff: null,
      versionTagRecorded: null,
    });
    const byId = await recorded(service.id, {
      who: "ci-bot",
      ciGreen: "true" as never,
      noSecretsInDiff: false,
      link: "https://ci.example/run/1",
    });
    expect(byId).toMatchObject({
      deployedBy: "ci-bot",
      label: "v1.2.3",
      link: "https://ci.example/run/1",
      checklist: { ciGreen: true, noSecretsInDiff: false, versionTagRecorded: null },
    });
    const audit = await db.auditLog.findFirst({
      where: { action: "deploy.record", targetId: byId.id },
    });
    expect(audit?.actorLabel).toBe(responder.email);
  });

  it("asks for the environment when one name is used in two", async () => {
    const name = `Absorb ${randomUUID().slice(0, 6)}`;
    await makeService(name, "absorb", "production");
    const staging = await makeService(name, "absorb", "staging");
    const error = await refusal(record(name));
    expect(error.fields?.service?.[0]).toMatch(/names 2 services \(production, staging\)/);
    const deploy = await recorded(name, { environment: "staging" });
    expect(deploy.service.id).toBe(staging.id);
  });

  it("replays the same idempotency key as the same deploy, one after another", async () => {
    const service = await makeService();
    const key = `ci-run-${randomUUID()}`;
    const first = await record(service.id, { idempotencyKey: key });
    const second = await record(service.id, { idempotencyKey: key });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.deploy.id).toBe(first.deploy.id);
    expect(second.deploy.version).toBe("v1.2.3");
    expect(await db.deploy.count({ where: { serviceId: service.id } })).toBe(1);
  });

  it("refuses a reused key with a different request (409) or from someone else (422), instead of answering with the first deploy", async () => {
    const service = await makeService();
    const key = `ci-run-${randomUUID()}`;
    const first = await record(service.id, { idempotencyKey: key });

    const differentBody = await refusal(
      record(service.id, { idempotencyKey: key, version: "v9.9.9" }),
    );
    expect(differentBody.code).toBe("conflict");
    expect(differentBody.message).toMatch(/used for a different request/);

    const someoneElse = await refusal(record(service.id, { idempotencyKey: key }, other));
    expect(someoneElse.code).toBe("validation_failed");
    expect(someoneElse.fields?.idempotencyKey?.[0]).toMatch(/already used by someone else/);

    const fromPipeline = await refusal(
      recordDeploy(system, { service: service.id, version: "v1.2.3", idempotencyKey: key }),
    );
    expect(fromPipeline.code).toBe("validation_failed");

    expect(await db.deploy.count({ where: { serviceId: service.id } })).toBe(1);
    expect((await record(service.id, { idempotencyKey: key })).deploy.id).toBe(first.deploy.id);
  });

  it("makes one deploy from 10 concurrent calls with the same key", async () => {
    const service = await makeService();
    const incident = await openIncidentOn(service.id, "502s after deploy");
    const key = `ci-run-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => record(service.id, { idempotencyKey: key })),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.deploy.id)).size).toBe(1);
    expect(await db.deploy.count({ where: { serviceId: service.id } })).toBe(1);
    expect(
      await db.timelineEntry.count({ where: { incidentId: incident.id, kind: "deploy" } }),
    ).toBe(1);
    expect(
      await db.auditLog.count({
        where: { action: "deploy.record", targetId: results[0]?.deploy.id },
      }),
    ).toBe(1);
  });
});

describe("moving a deploy along", () => {
  it("moves started → succeeded, sets finishedAt, and records a skipped smoke check when asked", async () => {
    const service = await makeService();
    const deploy = await recorded(service.id);
    const succeeded = await updateDeploy(other, deploy.id, {
      status: "succeeded",
      skipSmoke: true,
    });
    expect(succeeded.status).toBe("succeeded");
    expect(succeeded.finishedAt).not.toBeNull();
    expect(succeeded.smoke).toMatchObject({
      status: "skipped",
      reason: `skipped by ${other.name}`,
    });
    expect(succeeded.smokeSummary).toBe(`post-deploy smoke: skipped (skipped by ${other.name})`);
    const again = await updateDeploy(other, deploy.id, { status: "succeeded" });
    expect(again.updatedAt).toBe(succeeded.updatedAt);
    const audit = await db.auditLog.findFirst({
      where: { action: "deploy.update", targetId: deploy.id },
    });
    expect(audit?.details).toMatchObject({ from: "started", to: "succeeded" });
  });

  it("refuses moves off the allowed paths with 409 and the allowed moves", async () => {
    const service = await makeService();
    const succeeded = await recorded(service.id);
    await updateDeploy(responder, succeeded.id, { status: "succeeded", skipSmoke: true });
    const toFailed = await refusal(updateDeploy(responder, succeeded.id, { status: "failed" }));
    expect(toFailed.code).toBe("conflict");
    expect(toFailed.message).toBe("A succeeded deploy can only be rolled back.");
    expect(toFailed.details?.allowed).toEqual(["rolled_back"]);

    const failed = await recorded(service.id, { status: "failed" });
    expect(failed.finishedAt).not.toBeNull();
    const toSucceeded = await refusal(updateDeploy(responder, failed.id, { status: "succeeded" }));
    expect(toSucceeded.message).toBe("A failed deploy can only be rolled back.");
    expect(toSucceeded.fields?.status).toEqual(["A failed deploy can only be rolled back."]);

    const rolledBack = await updateDeploy(responder, failed.id, { status: "rolled_back" });
    expect(rolledBack.status).toBe("rolled_back");
    expect(rolledBack.finishedAt).toBe(failed.finishedAt);
    for (const status of ["started", "succeeded", "failed"] as const) {
      const error = await refusal(updateDeploy(responder, failed.id, { status }));
      expect(error.message).toMatch(/^A rolled-back deploy is final/);
      expect(error.details?.allowed).toEqual([]);
    }
    expect((await getDeploy(failed.id)).status).toBe("rolled_back");
  });

  it("lets one of two concurrent moves from started win and refuses the other with 409", async () => {
    const service = await makeService();
    const deploy = await recorded(service.id);
    const results = await Promise.allSettled([
      updateDeploy(responder, deploy.id, { status: "succeeded", skipSmoke: true }),
      updateDeploy(other, deploy.id, { status: "failed" }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter(
      (result): result is PromiseRejectedResult => result.status === "rejected",
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({ code: "conflict" });
    const stored = await getDeploy(deploy.id);
    expect(stored.status).toBe((won[0] as PromiseFulfilledResult<DeployView>).value.status);
    expect(
      await db.auditLog.count({ where: { action: "deploy.update", targetId: deploy.id } }),
    ).toBe(1);
  });

  it("edits the link, checklist and notes without a status change, and 404s on a missing deploy", async () => {
    const service = await makeService();
    const deploy = await recorded(service.id, { link: "https://ci.example/run/2" });
    const edited = await updateDeploy(responder, deploy.id, {
      link: "",
      versionTagRecorded: true,
      notes: "Tagged by hand",
    });
    expect(edited).toMatchObject({
      link: null,
      notes: "Tagged by hand",
      status: "started",
      checklist: { versionTagRecorded: true },
    });
    expect((await refusal(updateDeploy(responder, randomUUID(), { status: "failed" }))).code).toBe(
      "not_found",
    );
    expect((await refusal(updateDeploy(responder, "7", { status: "failed" }))).code).toBe(
      "not_found",
    );
    expect(
      (await refusal(updateDeploy(responder, deploy.id, { link: "javascript:alert(1)" }))).fields
        ?.link,
    ).toBeDefined();
  });
});

describe("deploys on the timeline of open incidents", () => {
  it("puts each status change of a deploy on the open incident of its service, once", async () => {
    const service = await makeService();
    const incident = await openIncidentOn(service.id, "MCP answers 502");
    const changes: IncidentChange[] = [];
    const unsubscribe = subscribeIncidentChanges((change) => changes.push(change));
    // The pipeline sends the same deploy twice under one idempotency key.
    const sent = {
      who: "ci-bot",
      ciGreen: true,
      noSecretsInDiff: true,
      versionTagRecorded: true,
      link: "https://ci.example/run/7",
      idempotencyKey: `ci-${randomUUID()}`,
    };
    const { deploy } = await record(service.id, sent);
    await record(service.id, sent);
    await updateDeploy(responder, deploy.id, { status: "failed" });
    await updateDeploy(responder, deploy.id, { status: "rolled_back" });
    unsubscribe();

    const entries = await db.timelineEntry.findMany({
      where: { incidentId: incident.id, kind: { in: ["deploy", "rollback"] } },
      orderBy: { id: "asc" },
    });
    expect(entries.map((entry) => [entry.kind, entry.body])).toEqual([
      [
        "deploy",
        `Deploy #${deploy.number} of ${service.name} v1.2.3 started by ci-bot (checklist: CI green, no secrets, tag recorded) https://ci.example/run/7`,
      ],
      [
        "deploy",
        `Deploy #${deploy.number} of ${service.name} v1.2.3 by ci-bot failed https://ci.example/run/7`,
      ],
      [
        "rollback",
        `Deploy #${deploy.number} of ${service.name} v1.2.3 by ci-bot rolled back https://ci.example/run/7`,
      ],
    ]);
    expect(entries.map((entry) => entry.idempotencyKey)).toEqual([
      `deploy:${deploy.id}:started`,
      `deploy:${deploy.id}:failed`,
      `deploy:${deploy.id}:rolled_back`,
    ]);
    expect(entries[0]).toMatchObject({ authorId: responder.id, authorLabel: responder.name });
    expect(entries[0]?.details).toMatchObject({
      deployId: deploy.id,
      status: "started",
      serviceName: service.name,
    });
    expect(
      changes.filter((change) => change.incidentId === incident.id && change.what === "timeline"),
    ).toHaveLength(3);
  });

  it("leaves resolved incidents and incidents of other services alone", async () => {
    const service = await makeService();
    const elsewhere = await makeService();
    const resolved = await declareResolvedIncident(
      responder,
      { title: "Old outage", severity: "sev3", serviceIds: [service.id] },
      { rootCause: "A bad deploy" },
    );
    const unrelated = await openIncidentOn(elsewhere.id, "Other outage", "sev2");
    const { deploy } = await record(service.id, { who: "ci-bot" });
    await updateDeploy(responder, deploy.id, { status: "failed" });
    for (const incident of [resolved, unrelated]) {
      expect(
        await db.timelineEntry.count({
          where: { incidentId: incident.id, kind: { in: ["deploy", "rollback"] } },
        }),
      ).toBe(0);
    }
  });

  it("records the CLI (a system actor) as the entry's author", async () => {
    const service = await makeService();
    const incident = await openIncidentOn(service.id, "Studio down", "sev2");
    await recordDeploy({ id: null, label: "cli" }, { service: service.id, commit: "abcdef0" });
    const entry = await db.timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: "deploy" },
    });
    expect(entry).toMatchObject({ authorId: null, authorLabel: "cli" });
    expect(entry.body).toMatch(/ abcdef0 started by cli \(checklist not stated\)$/);
  });
});

describe("reading deploys", () => {
  it("lists newest first with keyset pages and filters, and finds in-flight deploys oldest first", async () => {
    const service = await makeService();
    const first = await recorded(service.id, { version: "v1" });
    const second = await recorded(service.id, { version: "v2", status: "failed" });
    const third = await recorded(service.id, { version: "v3" });
    const page = await listDeploys({ service: service.id, limit: 2 });
    expect(page.deploys.map((deploy) => deploy.label)).toEqual(["v3", "v2"]);
    expect(page.nextBefore).toBe(second.number);
    const next = await listDeploys({
      service: service.id,
      limit: 2,
      before: page.nextBefore ?? undefined,
    });
    expect(next).toEqual({
      deploys: [expect.objectContaining({ id: first.id })],
      nextBefore: null,
    });
    expect(
      (await listDeploys({ service: service.name, status: "failed" })).deploys.map(
        (deploy) => deploy.id,
      ),
    ).toEqual([second.id]);
    expect(
      (await listDeploys({ service: service.id, inFlight: true })).deploys.map(
        (deploy) => deploy.id,
      ),
    ).toEqual([third.id, first.id]);
    const inFlight = (await listInFlightDeploys()).filter(
      (deploy) => deploy.service.id === service.id,
    );
    expect(inFlight.map((deploy) => deploy.id)).toEqual([first.id, third.id]);
    expect((await listServiceDeploys(service.id, 2)).map((deploy) => deploy.id)).toEqual([
      third.id,
      second.id,
    ]);
    expect((await findDeployByReference(`#${second.number}`)).id).toBe(second.id);
    expect((await findDeployByReference(second.id)).id).toBe(second.id);
    expect((await refusal(getDeploy(randomUUID()))).message).toBe("The deploy was not found.");
    expect((await refusal(getDeploy("nope"))).code).toBe("not_found");
  });

  it("gives rollback guidance with the last green deploy of the service before the failed one", async () => {
    const service = await makeService(`MCP ${randomUUID().slice(0, 6)}`);
    const green = await recorded(service.id, {
      version: "v1.2.2",
      commit: "1111111",
      link: "https://ci.example/run/1",
    });
    await updateDeploy(responder, green.id, { status: "succeeded", skipSmoke: true });
    const rolledBack = await recorded(service.id, { version: "v1.2.2-hotfix" });
    await updateDeploy(responder, rolledBack.id, { status: "succeeded", skipSmoke: true });
    await updateDeploy(responder, rolledBack.id, { status: "rolled_back" });
    const failed = await recorded(service.id, {
      version: "v1.2.3",
      commit: "2222222bad",
      status: "failed",
    });
    const later = await recorded(service.id, { version: "v1.2.4" });
    await updateDeploy(responder, later.id, { status: "succeeded", skipSmoke: true });

    const guidance = await getRollbackGuidance(failed);
    expect(guidance.railwayService).toBe("mcp-server");
    expect(guidance.lastGreen).toEqual({
      id: green.id,
      number: green.number,
      label: "v1.2.2",
      commit: "1111111",
      startedAt: green.startedAt,
      link: "https://ci.example/run/1",
    });
    expect(guidance.steps[0]).toBe(
      "Redeploy the last green deployment in Railway: service `mcp-server` → Deployments → v1.2.2 → ⋯ → Redeploy",
    );
    expect(guidance.steps[1]).toContain("`git revert 2222222bad --no-edit`");

    const other = await makeService(`Orchestrator ${randomUUID().slice(0, 6)}`, "generic_json");
    const lonely = await recorded(other.id, { status: "failed" });
    const generic = await getRollbackGuidance(lonely);
    expect(generic).toMatchObject({ railwayService: null, lastGreen: null });
    expect(generic.steps[0]).toContain("the last green deployment");
  });
});

describe("deploying now on the tile", () => {
  it("shows the newest in-flight deploy on the tile and the service detail, and tells open overviews", async () => {
    const service = await makeService();
    const changes: HealthChange[] = [];
    const unsubscribe = subscribeHealthChanges((change) => changes.push(change));
    const tileOf = async () =>
      (await getStatusSummary()).tiles.find((tile) => tile.id === service.id);
    expect((await tileOf())?.deploying).toBeNull();

    const older = await recorded(service.id, { version: "v1" });
    const newer = await recorded(service.id, { version: "v2" });
    expect(changes.some((change) => change.serviceIds.includes(service.id))).toBe(true);
    expect((await tileOf())?.deploying).toEqual({
      id: newer.id,
      number: newer.number,
      label: "v2",
      startedAt: newer.startedAt,
    });

    const detail = await getServiceDetail(service.id);
    expect(detail?.tile.deploying?.id).toBe(newer.id);
    expect(detail?.deploys.map((deploy) => deploy.id)).toEqual([newer.id, older.id]);

    changes.length = 0;
    await updateDeploy(responder, newer.id, { status: "failed" });
    await updateDeploy(responder, older.id, { status: "failed" });
    unsubscribe();
    expect(changes.filter((change) => change.serviceIds.includes(service.id))).toHaveLength(2);
    expect((await tileOf())?.deploying).toBeNull();
  });
});
