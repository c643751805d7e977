import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resolveRecipients } from "@/lib/paging/recipients";
import { makeUser } from "@/test/fixtures";

const tag = randomBytes(3).toString("hex");
const handoffIds: string[] = [];
const contactIds: string[] = [];

afterAll(async () => {
  await db.handoff.deleteMany({ where: { id: { in: handoffIds } } });
  await db.escalationContact.deleteMany({ where: { id: { in: contactIds } } });
});

async function withMethods(
  role: "responder" | "lead" | "admin",
  label: string,
  methods: Array<{ kind: "email" | "webhook"; target: string; enabled?: boolean }>,
) {
  const user = await makeUser(role, `${label}-${tag}`);
  const rows = [];
  for (const method of methods)
    rows.push(
      await db.contactMethod.create({
        data: {
          userId: user.id,
          kind: method.kind,
          target: method.target,
          enabled: method.enabled ?? true,
        },
      }),
    );
  return { user, methods: rows };
}

describe("who a level reaches", () => {
  it("on call now: the incoming of the handoff covering the moment, on each enabled method", async () => {
    const { user, methods } = await withMethods("responder", "oncall", [
      { kind: "email", target: `oncall-${tag}@vigil.test` },
      { kind: "webhook", target: "https://hooks.example.test/services/T1/B1/secret-token" },
      { kind: "email", target: `off-${tag}@vigil.test`, enabled: false },
    ]);
    const at = new Date("2047-05-05T12:00:00Z");
    const handoff = await db.handoff.create({
      data: {
        windowStart: new Date("2047-05-05T09:00:00Z"),
        windowEnd: new Date("2047-05-06T09:00:00Z"),
        outgoingLabel: "someone",
        incomingId: user.id,
        incomingLabel: user.name,
        snapshot: {},
        text: "paging recipients test",
      },
    });
    handoffIds.push(handoff.id);
    const recipients = await resolveRecipients([{ kind: "on_call" }], at);
    expect(recipients.map((recipient) => [recipient.via, recipient.recipientKey])).toEqual([
      ["method", methods[0]!.id],
      ["method", methods[1]!.id],
    ]);
    const hook = recipients[1];
    expect(hook?.via === "method" && hook.target).toBe("https://hooks.example.test/services/••••");
    expect(hook?.via === "method" && hook.destination).toBe(`contact:${methods[1]!.id}`);
  });

  it("every lead and up who is not disabled, once each even when named twice", async () => {
    const lead = await withMethods("lead", "lead", [
      { kind: "email", target: `lead-${tag}@vigil.test` },
    ]);
    const admin = await withMethods("admin", "leadadmin", []);
    const disabled = await withMethods("lead", "gone", [
      { kind: "email", target: `gone-${tag}@vigil.test` },
    ]);
    await db.user.update({ where: { id: disabled.user.id }, data: { disabled: true } });
    const responder = await withMethods("responder", "notlead", [
      { kind: "email", target: `notlead-${tag}@vigil.test` },
    ]);
    const recipients = await resolveRecipients(
      [{ kind: "leads" }, { kind: "user", userId: lead.user.id }],
      new Date(),
    );
    const keys = recipients.map((recipient) => recipient.recipientKey);
    expect(keys.filter((key) => key === lead.methods[0]!.id)).toHaveLength(1);
    expect(recipients.find((recipient) => recipient.userId === admin.user.id)).toMatchObject({
      via: "none",
      error: `${admin.user.name} has no contact method`,
    });
    expect(keys).not.toContain(disabled.methods[0]!.id);
    expect(keys).not.toContain(responder.methods[0]!.id);
  });

  it("escalation contacts: a linked person's methods, an address directly, anything else recorded as unreachable", async () => {
    const linked = await withMethods("responder", "linked", [
      { kind: "webhook", target: "https://example.test/hook" },
    ]);
    const rows = await Promise.all([
      db.escalationContact.create({
        data: { name: `Linked ${tag}`, contact: "+1 555 0101", userId: linked.user.id },
      }),
      db.escalationContact.create({
        data: { name: `Mail ${tag}`, contact: ` Mail-${tag}@Vigil.test ` },
      }),
      db.escalationContact.create({ data: { name: `Phone ${tag}`, contact: "@grace on Slack" } }),
    ]);
    contactIds.push(...rows.map((row) => row.id));
    const recipients = await resolveRecipients([{ kind: "escalation_contacts" }], new Date());
    expect(recipients.find((recipient) => recipient.recipient === `Linked ${tag}`)).toMatchObject({
      via: "method",
      userId: linked.user.id,
      recipientKey: linked.methods[0]!.id,
    });
    expect(recipients.find((recipient) => recipient.recipient === `Mail ${tag}`)).toMatchObject({
      via: "email",
      target: `Mail-${tag}@Vigil.test`,
      destination: `contact:mailto:mail-${tag}@vigil.test`,
    });
    expect(recipients.find((recipient) => recipient.recipient === `Phone ${tag}`)).toMatchObject({
      via: "none",
      error: "cannot be reached automatically: @grace on Slack",
    });
  });

  it("a person deleted since the policy named them", async () => {
    const recipients = await resolveRecipients(
      [{ kind: "user", userId: "00000000-0000-4000-8000-000000000000" }],
      new Date(),
    );
    expect(recipients).toEqual([
      expect.objectContaining({
        via: "none",
        error: "the person this policy names no longer exists",
      }),
    ]);
  });
});
