import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as onCallRoute } from "@/app/api/v1/on-call/route";
import {
  GET as getRotationRoute,
  PUT as putRotationRoute,
} from "@/app/api/v1/on-call/rotation/route";
import type { Actor } from "@/lib/auth/roles";
import { runCli } from "@/lib/platform/cli/main";
import { db } from "@/lib/db";
import {
  getHandoffDraft,
  getOnCallNow,
  getOnCallRotation,
  handoffScheduleId,
} from "@/lib/handoffs/data";
import { createHandoff, updateOnCallRotation } from "@/lib/handoffs/mutations";
import { makeUser, refusal } from "@/test/fixtures";
import { createApiToken } from "@/lib/tokens/data";
import { setUserDisabled } from "@/lib/users/data";

let lead: Actor;
let responder: Actor;
let viewer: Actor;
let ada: Actor;
let bea: Actor;
let cyd: Actor;

beforeAll(async () => {
  lead = await makeUser("lead", "rotation-lead");
  responder = await makeUser("responder", "rotation-responder");
  viewer = await makeUser("viewer", "rotation-viewer");
  ada = await makeUser("responder", "rotation-ada");
  bea = await makeUser("responder", "rotation-bea");
  cyd = await makeUser("lead", "rotation-cyd");
});

afterAll(async () => {
  // The rotation and schedule are one global row each: later files start from the defaults again.
  await db.onCallRotationMember.deleteMany({});
  await db.handoffSchedule.deleteMany({ where: { id: handoffScheduleId } });
});

const version = async () => (await getOnCallRotation()).version;
// Far from any other test's handoffs, so no handoff window covers these moments. 2032-03-01 is a Monday.
const start = new Date("2032-03-01T09:00:00Z");

describe("the on-call rotation", () => {
  it("is saved in order, audited, and answers who is on call by shift", async () => {
    const saved = await updateOnCallRotation(lead, {
      rotation: [bea.id, ada.id, cyd.id],
      rotationStartsAt: start.toISOString(),
      version: await version(),
    });
    expect(saved.rotation.map((member) => member.id)).toEqual([bea.id, ada.id, cyd.id]);
    expect(saved.rotationStartsAt).toBe(start.toISOString());
    expect((await getOnCallRotation()).rotation.map((member) => member.id)).toEqual([
      bea.id,
      ada.id,
      cyd.id,
    ]);

    const audit = await db.auditLog.findFirst({
      where: { action: "handoff.rotation_update", actorId: lead.id },
      orderBy: { createdAt: "desc" },
    });
    expect(audit?.details).toMatchObject({
      rotation: [bea.id, ada.id, cyd.id],
      version: saved.version,
    });

    expect(await getOnCallNow(new Date("2032-03-01T10:00:00Z"))).toMatchObject({
      person: { id: bea.id },
      source: "rotation",
      reason: "rotation: shift 1 of 3, until Tue 09:00 UTC",
      until: "2032-03-02T09:00:00.000Z",
    });
    expect((await getOnCallNow(new Date("2032-03-03T09:00:00Z"))).person?.id).toBe(cyd.id);
    expect((await getOnCallNow(new Date("2032-03-04T09:00:00Z"))).person?.id).toBe(bea.id);

    // Reordered: the same moment now answers with the new order.
    await updateOnCallRotation(lead, { rotation: [cyd.id, bea.id], version: await version() });
    expect((await getOnCallRotation()).rotationStartsAt).toBe(start.toISOString());
    expect((await getOnCallNow(new Date("2032-03-01T10:00:00Z"))).person?.id).toBe(cyd.id);
  });

  it("refuses a stale version with 409 and the current rotation, a viewer or responder with 403, and bad people per field", async () => {
    const current = await version();
    await updateOnCallRotation(lead, { rotation: [ada.id], version: current });
    const stale = await refusal(
      updateOnCallRotation(lead, { rotation: [bea.id], version: current }),
    );
    expect(stale.code).toBe("conflict");
    expect((await getOnCallRotation()).rotation.map((member) => member.id)).toEqual([ada.id]);

    expect(
      (
        await refusal(
          updateOnCallRotation(viewer, { rotation: [bea.id], version: await version() }),
        )
      ).code,
    ).toBe("forbidden");
    expect(
      (
        await refusal(
          updateOnCallRotation(responder, { rotation: [bea.id], version: await version() }),
        )
      ).code,
    ).toBe("forbidden");

    const twice = await refusal(
      updateOnCallRotation(lead, { rotation: [bea.id, bea.id], version: await version() }),
    );
    expect(twice.code).toBe("validation_failed");
    expect(twice.fields?.rotation).toEqual(["Someone is in the rotation twice."]);
    const notResponder = await refusal(
      updateOnCallRotation(lead, { rotation: [viewer.id], version: await version() }),
    );
    expect(notResponder.fields?.rotation).toEqual(["On-call needs the responder role or above."]);
    expect((await getOnCallRotation()).rotation.map((member) => member.id)).toEqual([ada.id]);
  });

  it("a disabled member's shift passes to the next one; an empty rotation means nobody", async () => {
    const dan = await makeUser("responder", "rotation-dan");
    await updateOnCallRotation(lead, {
      rotation: [dan.id, ada.id],
      rotationStartsAt: start.toISOString(),
      version: await version(),
    });
    await setUserDisabled({ id: null, label: "vitest" }, { userId: dan.id, disabled: true });
    expect((await getOnCallNow(new Date("2032-03-01T10:00:00Z"))).person?.id).toBe(ada.id);
    expect((await getOnCallRotation()).rotation).toEqual([
      { id: dan.id, name: dan.name, disabled: true },
      { id: ada.id, name: ada.name, disabled: false },
    ]);

    await updateOnCallRotation(lead, { rotation: [], version: await version() });
    expect(await getOnCallNow(new Date("2032-03-01T10:00:00Z"))).toMatchObject({
      person: null,
      source: "nobody",
    });
  });

  it("a handoff covering now wins over the rotation, and the handoff form offers the next shift's person", async () => {
    await updateOnCallRotation(lead, {
      rotation: [ada.id, bea.id],
      rotationStartsAt: start.toISOString(),
      version: await version(),
    });
    const windowStart = new Date("2032-03-05T09:00:00Z");
    const { handoff } = await createHandoff(ada, {
      windowStart: windowStart.toISOString(),
      windowEnd: new Date("2032-03-06T09:00:00Z").toISOString(),
      outgoingId: ada.id,
      incomingId: cyd.id,
      serviceIds: [],
      knownRisks: [],
      manualDeploys: [],
      escalation: [{ name: "Lead", contact: "+1 555 0100" }],
      notes: "",
      postToFeed: false,
    });
    // Shift 4 (0-based) of a rotation of 2 is Ada's; the handoff says Cyd.
    expect(await getOnCallNow(new Date("2032-03-05T12:00:00Z"))).toMatchObject({
      person: { id: cyd.id },
      source: "handoff",
      reason: `handoff #${handoff.number}`,
    });
    // The evening before, the rotation answers until the handoff's window starts.
    expect(await getOnCallNow(new Date("2032-03-04T12:00:00Z"))).toMatchObject({
      person: { id: bea.id },
      until: windowStart.toISOString(),
    });
    expect((await getOnCallNow(new Date("2032-03-06T09:00:00Z"))).person?.id).toBe(bea.id);

    // Written on the 7th at 08:30, the form's window starts at 09:00: shift 6, Ada's.
    const draft = await getHandoffDraft(bea, new Date("2032-03-07T08:30:00Z"));
    expect(draft.windowStart).toBe("2032-03-07T09:00:00.000Z");
    expect(draft.incoming?.id).toBe(ada.id);
  });
});

describe("REST: /api/v1/on-call and /api/v1/on-call/rotation", () => {
  const noParams = { params: Promise.resolve({}) } as never;
  const call = (method: string, path: string, authorization: string, body?: unknown) =>
    new Request(`http://vigil.test${path}`, {
      method,
      headers: {
        authorization,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const bearer = async (user: Actor) =>
    `Bearer ${(await createApiToken({ id: null, label: "vitest" }, { ownerEmail: user.email, name: "rotation token" })).secret}`;

  it("a viewer reads who is on call and the rotation; only a lead changes it, with 409 on a stale version", async () => {
    const asViewer = await bearer(viewer);
    const asLead = await bearer(lead);
    const now = await onCallRoute(call("GET", "/api/v1/on-call", asViewer), noParams);
    expect(now.status).toBe(200);
    expect(await now.json()).toEqual(JSON.parse(JSON.stringify(await getOnCallNow())));

    const read = await getRotationRoute(
      call("GET", "/api/v1/on-call/rotation", asViewer),
      noParams,
    );
    expect(read.status).toBe(200);
    const { version: seen } = (await read.json()) as { version: number };

    expect(
      (
        await putRotationRoute(
          call("PUT", "/api/v1/on-call/rotation", asViewer, { rotation: [ada.id], version: seen }),
          noParams,
        )
      ).status,
    ).toBe(403);
    const saved = await putRotationRoute(
      call("PUT", "/api/v1/on-call/rotation", asLead, {
        rotation: [bea.id, ada.id],
        version: seen,
      }),
      noParams,
    );
    expect(saved.status).toBe(200);
    expect(
      ((await saved.json()) as { rotation: { id: string }[] }).rotation.map((member) => member.id),
    ).toEqual([bea.id, ada.id]);
    expect(
      (
        await putRotationRoute(
          call("PUT", "/api/v1/on-call/rotation", asLead, { rotation: [ada.id], version: seen }),
          noParams,
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await putRotationRoute(
          call("PUT", "/api/v1/on-call/rotation", asLead, {
            rotation: ["nope"],
            version: seen + 1,
          }),
          noParams,
        )
      ).status,
    ).toBe(422);
  });

  it("the CLI's oncall prints the same answer", async () => {
    const lines: string[] = [];
    const log = vi
      .spyOn(console, "log")
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    try {
      await updateOnCallRotation(lead, {
        rotation: [bea.id],
        rotationStartsAt: "2026-01-01T09:00:00Z",
        version: await version(),
      });
      const expected = await getOnCallNow();
      expect(expected.person).not.toBeNull();
      expect(await runCli(["oncall"])).toBe(0);
      expect(lines).toEqual([
        `${expected.person?.name ?? "Nobody"}\t${expected.reason}\t${expected.until ? `until ${expected.until}` : "no end"}`,
      ]);
    } finally {
      log.mockRestore();
    }
  });
});
