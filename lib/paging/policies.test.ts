import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createService } from "@/lib/services/mutations";
import {
  createPolicy,
  deletePolicy,
  getPolicy,
  listPolicies,
  loadPolicyFor,
  setDefaultPolicy,
  setServicePolicy,
  updatePolicy,
} from "@/lib/paging/policies";
import { defaultEscalationLevels } from "@/lib/paging/labels";
import { makeUser, refusal } from "@/test/fixtures";
import { setUserDisabled } from "@/lib/users/data";

let lead: Actor;
let responder: Actor;
let admin: Actor;
let ada: Actor;
let gone: Actor;
const suffix = randomUUID().slice(0, 8);
const name = (label: string) => `vitest-policy-${label}-${suffix}`;
const mine: string[] = [];

beforeAll(async () => {
  lead = await makeUser("lead", "policy-lead");
  responder = await makeUser("responder", "policy-responder");
  admin = await makeUser("admin", "policy-admin");
  ada = await makeUser("responder", "policy-ada");
  gone = await makeUser("responder", "policy-gone");
  await setUserDisabled(admin, { userId: gone.id, disabled: true });
});

afterAll(async () => {
  // Direct deletes: a policy of ours may be the default at this point, which the verb refuses on purpose.
  await db.escalationPolicy.deleteMany({ where: { id: { in: mine } } });
});

async function serviceNamed(label: string) {
  return createService(admin, {
    name: `policy-svc-${label}-${suffix}`,
    baseUrl: "http://93.184.216.34",
    profile: "http",
    environment: "test",
  });
}

describe("escalation policies", () => {
  it("creates a policy with a person target, audits it, and lists it with the services that name it", async () => {
    const created = await createPolicy(lead, {
      name: name("db"),
      levels: [
        { delayMinutes: 0, targets: [{ kind: "on_call" }, { kind: "user", userId: ada.id }] },
        { delayMinutes: 10, targets: [{ kind: "leads" }] },
      ],
      repeat: 2,
    });
    mine.push(created.id!);
    expect(created).toMatchObject({
      name: name("db"),
      isDefault: false,
      repeat: 2,
      version: 1,
      services: [],
    });
    expect(created.levels[0]?.targets).toEqual([
      { kind: "on_call" },
      { kind: "user", userId: ada.id },
    ]);
    const audit = await db.auditLog.findFirst({
      where: { action: "escalation_policy.create", targetId: created.id! },
    });
    expect(audit?.actorId).toBe(lead.id);

    const service = await serviceNamed("db");
    expect((await loadPolicyFor(service.id)).id).not.toBe(created.id);
    await setServicePolicy(lead, service.id, created.id);
    expect(await loadPolicyFor(service.id)).toMatchObject({
      id: created.id,
      name: name("db"),
      repeat: 2,
    });
    const listed = (await listPolicies()).find((policy) => policy.id === created.id);
    expect(listed?.services).toEqual([
      { id: service.id, name: service.name, environment: "test", explicit: true },
    ]);
    const serviceAudit = await db.auditLog.findFirst({
      where: { action: "service.escalation_policy", targetId: service.id },
    });
    expect(serviceAudit?.details).toMatchObject({ to: created.id });

    // Back to the default: the service leaves the policy's list.
    await setServicePolicy(lead, service.id, null);
    expect((await getPolicy(created.id!)).services).toEqual([]);
    const defaultView = (await listPolicies()).find((policy) => policy.isDefault);
    expect(defaultView?.services.some((ref) => ref.id === service.id && !ref.explicit)).toBe(true);
  });

  it("refuses a responder (403), an empty level and a disabled or unknown person (422 naming the field)", async () => {
    const forbidden = await refusal(
      createPolicy(responder, { name: name("nope"), levels: defaultEscalationLevels }),
    );
    expect(forbidden.code).toBe("forbidden");

    const empty = await refusal(
      createPolicy(lead, {
        name: name("empty"),
        levels: [
          { delayMinutes: 0, targets: [{ kind: "on_call" }] },
          { delayMinutes: 5, targets: [] },
        ],
      }),
    );
    expect(empty.code).toBe("validation_failed");
    expect(Object.keys(empty.fields ?? {})).toEqual(["levels.1.targets"]);

    const disabled = await refusal(
      createPolicy(lead, {
        name: name("disabled"),
        levels: [
          { delayMinutes: 0, targets: [{ kind: "on_call" }] },
          {
            delayMinutes: 5,
            targets: [
              { kind: "user", userId: gone.id },
              { kind: "user", userId: randomUUID() },
            ],
          },
        ],
      }),
    );
    expect(disabled.code).toBe("validation_failed");
    expect(disabled.fields).toEqual({
      "levels.1.targets.0.userId": [expect.stringMatching(/disabled/)],
      "levels.1.targets.1.userId": [expect.stringMatching(/no longer/)],
    });
    expect(
      await db.escalationPolicy.count({
        where: { name: { in: [name("nope"), name("empty"), name("disabled")] } },
      }),
    ).toBe(0);
  });

  it("updates on the version read: a stale version is a 409 with the current policy; a taken name is a 409 on the name", async () => {
    const created = await createPolicy(lead, {
      name: name("versioned"),
      levels: defaultEscalationLevels,
    });
    mine.push(created.id!);
    const saved = await updatePolicy(lead, created.id!, {
      name: name("versioned"),
      levels: [
        ...defaultEscalationLevels,
        { delayMinutes: 15, targets: [{ kind: "user", userId: ada.id }] },
      ],
      repeat: 1,
      version: 1,
    });
    expect(saved).toMatchObject({ version: 2, repeat: 1 });
    expect(saved.levels).toHaveLength(4);

    const stale = await refusal(
      updatePolicy(lead, created.id!, {
        name: name("versioned"),
        levels: defaultEscalationLevels,
        version: 1,
      }),
    );
    expect(stale.code).toBe("conflict");
    expect((stale.details?.current as { version: number }).version).toBe(2);
    expect((await getPolicy(created.id!)).levels).toHaveLength(4);

    const other = await createPolicy(lead, {
      name: name("other"),
      levels: defaultEscalationLevels,
    });
    mine.push(other.id!);
    const taken = await refusal(
      updatePolicy(lead, other.id!, {
        name: name("versioned"),
        levels: defaultEscalationLevels,
        version: 1,
      }),
    );
    expect(taken.code).toBe("conflict");
    expect(taken.fields).toEqual({ name: ["Already in use."] });

    const audits = await db.auditLog.count({
      where: { action: "escalation_policy.update", targetId: created.id! },
    });
    expect(audits).toBe(1);
  });

  it("deletes a policy: its services follow the default again; unknown ids are 404", async () => {
    const created = await createPolicy(lead, {
      name: name("doomed"),
      levels: defaultEscalationLevels,
    });
    const service = await serviceNamed("doomed");
    await setServicePolicy(lead, service.id, created.id);
    await deletePolicy(lead, created.id!);
    expect(await db.escalationPolicy.count({ where: { id: created.id! } })).toBe(0);
    expect(
      (await db.service.findUniqueOrThrow({ where: { id: service.id } })).escalationPolicyId,
    ).toBeNull();
    expect(
      await db.auditLog.findFirst({
        where: { action: "escalation_policy.delete", targetId: created.id! },
      }),
    ).not.toBeNull();
    expect((await refusal(deletePolicy(lead, created.id!))).code).toBe("not_found");
    expect((await refusal(getPolicy("not-a-uuid"))).code).toBe("not_found");
    const missing = await refusal(setServicePolicy(lead, service.id, randomUUID()));
    expect(missing.fields).toEqual({ escalationPolicyId: [expect.any(String)] });
  });

  it("keeps exactly one default: making one the default unsets the other in the same transaction; the default cannot be deleted", async () => {
    const before = await db.escalationPolicy.findFirst({
      where: { isDefault: true },
      orderBy: { createdAt: "asc" },
    });
    try {
      // The same levels as the runbook's default, so any other test reading the default meanwhile sees the same rule.
      const first = await createPolicy(lead, {
        name: name("default-a"),
        levels: defaultEscalationLevels,
        isDefault: true,
      });
      mine.push(first.id!);
      const second = await createPolicy(lead, {
        name: name("default-b"),
        levels: defaultEscalationLevels,
      });
      mine.push(second.id!);
      expect(first.isDefault).toBe(true);
      expect(await db.escalationPolicy.count({ where: { isDefault: true } })).toBe(1);

      await Promise.all([
        setDefaultPolicy(lead, second.id!),
        setDefaultPolicy(lead, first.id!),
        setDefaultPolicy(lead, second.id!),
      ]);
      expect(await db.escalationPolicy.count({ where: { isDefault: true } })).toBe(1);

      await setDefaultPolicy(lead, second.id!);
      const defaults = await db.escalationPolicy.findMany({
        where: { isDefault: true },
        select: { id: true },
      });
      expect(defaults).toEqual([{ id: second.id }]);
      expect((await listPolicies())[0]).toMatchObject({ id: second.id, isDefault: true });
      expect((await loadPolicyFor(null)).id).toBe(second.id);

      const refused = await refusal(deletePolicy(lead, second.id!));
      expect(refused.code).toBe("conflict");
      const unset = await refusal(
        updatePolicy(lead, second.id!, {
          name: name("default-b"),
          levels: defaultEscalationLevels,
          isDefault: false,
          version: (await getPolicy(second.id!)).version,
        }),
      );
      expect(unset.fields).toEqual({ isDefault: [expect.any(String)] });

      // Saving another one with isDefault moves the default there.
      const firstNow = await getPolicy(first.id!);
      await updatePolicy(lead, first.id!, {
        name: name("default-a"),
        levels: defaultEscalationLevels,
        isDefault: true,
        version: firstNow.version,
      });
      expect(
        (
          await db.escalationPolicy.findMany({ where: { isDefault: true }, select: { id: true } })
        ).map((row) => row.id),
      ).toEqual([first.id]);
      expect(
        await db.auditLog.count({
          where: { action: "escalation_policy.set_default", targetId: second.id! },
        }),
      ).toBeGreaterThanOrEqual(1);
      const moved = await db.auditLog.findFirst({
        where: { action: "escalation_policy.update", targetId: first.id! },
        orderBy: { id: "desc" },
      });
      expect(moved?.details).toMatchObject({ isDefault: true });
    } finally {
      if (before) await setDefaultPolicy(lead, before.id);
      else
        await db.escalationPolicy.updateMany({
          where: { id: { in: mine } },
          data: { isDefault: false },
        });
    }
  });

  it("shows the built-in default while none is stored", async () => {
    const list = await listPolicies();
    const stored = await db.escalationPolicy.count({ where: { isDefault: true } });
    const defaults = list.filter((policy) => policy.isDefault);
    expect(defaults).toHaveLength(1);
    if (stored === 0)
      expect(defaults[0]).toMatchObject({ id: null, version: 0, levels: defaultEscalationLevels });
    else expect(defaults[0]?.id).not.toBeNull();
  });
});
