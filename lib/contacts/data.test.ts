import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import {
  createContactMethod,
  deleteContactMethod,
  getContactMethod,
  listContactMethods,
  updateContactMethod,
} from "@/lib/contacts/data";
import { sendTestNotification } from "@/lib/contacts/send";
import { db } from "@/lib/db";
import { makeUser, refusal, uniqueEmail } from "@/test/fixtures";

let ada: Actor;
let bob: Actor;
let admin: Actor;

beforeAll(async () => {
  ada = await makeUser("responder", "contact-ada");
  bob = await makeUser("responder", "contact-bob");
  admin = await makeUser("admin", "contact-admin");
});

afterAll(async () => {
  await db.contactMethod.deleteMany({ where: { userId: { in: [ada.id, bob.id, admin.id] } } });
});

describe("contact methods", () => {
  it("lists, edits and deletes a person's own methods, with audit rows that hold no secret", async () => {
    const method = await createContactMethod(ada, {
      kind: "slack",
      label: "Team Slack",
      target: "https://hooks.slack.com/services/T1/B2/top-secret-token",
    });
    expect(method).toMatchObject({
      userId: ada.id,
      kind: "slack",
      enabled: true,
      version: 1,
      lastTestAt: null,
    });
    expect(method.displayTarget).toBe("https://hooks.slack.com/services/••••");
    expect((await listContactMethods(ada)).map((listed) => listed.id)).toContain(method.id);
    expect(JSON.stringify(await listContactMethods(ada))).not.toContain("top-secret-token");

    const disabled = await updateContactMethod(ada, method.id, {
      version: 1,
      enabled: false,
      target: "",
    });
    expect(disabled).toMatchObject({ enabled: false, version: 2, label: "Team Slack" });
    expect(
      (await db.contactMethod.findUniqueOrThrow({ where: { id: method.id } })).target,
    ).toContain("top-secret-token");

    const stale = await refusal(updateContactMethod(ada, method.id, { version: 1, label: "late" }));
    expect(stale.code).toBe("conflict");

    await deleteContactMethod(ada, method.id);
    expect(await db.contactMethod.count({ where: { id: method.id } })).toBe(0);
    const audit = await db.auditLog.findMany({
      where: { targetType: "contact_method", targetId: method.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      "contact_method.create",
      "contact_method.update",
      "contact_method.delete",
    ]);
    expect(JSON.stringify(audit.map((entry) => entry.details))).not.toContain("top-secret-token");
  });

  it("refuses another responder reading, editing, deleting or testing my methods; an admin may", async () => {
    const email = uniqueEmail("ada-pager");
    const mine = await createContactMethod(ada, { kind: "email", target: email });
    for (const call of [
      () => listContactMethods(bob, ada.id),
      () => getContactMethod(bob, mine.id),
      () => updateContactMethod(bob, mine.id, { version: 1, label: "hijacked" }),
      () => deleteContactMethod(bob, mine.id),
      () => sendTestNotification(bob, mine.id, { smtp: { url: null, from: "x <x@x.test>" } }),
      () => createContactMethod(bob, { kind: "email", target: uniqueEmail("bob") }, ada.id),
    ]) {
      const error = await refusal(call());
      expect(error.code).toBe("forbidden");
      expect(JSON.stringify(error)).not.toContain(email);
    }
    expect((await db.contactMethod.findUniqueOrThrow({ where: { id: mine.id } })).label).toBe("");

    expect(
      (await listContactMethods(admin, ada.id)).map((listed) => listed.displayTarget),
    ).toContain(email);
    const edited = await updateContactMethod(admin, mine.id, { version: 1, label: "Set by admin" });
    expect(edited.label).toBe("Set by admin");
    const added = await createContactMethod(
      admin,
      { kind: "email", target: uniqueEmail("for-ada") },
      ada.id,
    );
    expect(added.userId).toBe(ada.id);
  });

  it("refuses bad targets with 422 and the field's name, and writes nothing", async () => {
    const before = await db.contactMethod.count({ where: { userId: ada.id } });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ kind: "email", target: "not-an-address" }, /email address/],
      [{ kind: "webhook", target: "ftp://example.com/sekret-ftp" }, /Only http and https/],
      [{ kind: "ntfy", target: "http://169.254.169.254/sekret-meta" }, /cloud metadata/],
      [
        { kind: "slack", target: "http://metadata.google.internal/sekret-google" },
        /cloud metadata/,
      ],
      [{ kind: "webhook", target: "http://127.0.0.9:9/sekret-loop" }, /loopback address/],
    ];
    for (const [input, message] of cases) {
      const error = await refusal(createContactMethod(ada, input as never));
      expect(error.code).toBe("validation_failed");
      expect(error.fields?.target?.[0]).toMatch(message);
      expect(JSON.stringify(error)).not.toContain("sekret");
    }
    const many = await refusal(
      createContactMethod(ada, { kind: "pager" as never, label: "x".repeat(61), target: "" }),
    );
    expect(Object.keys(many.fields ?? {})).toEqual(
      expect.arrayContaining(["kind", "label", "target"]),
    );
    expect(await db.contactMethod.count({ where: { userId: ada.id } })).toBe(before);
  });
});
