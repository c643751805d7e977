import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createContactMethod, deleteContactMethod } from "@/lib/contacts/data";
import { emailNotConfigured, sendTestNotification } from "@/lib/contacts/send";
import { db } from "@/lib/db";
import { addAllowRule, removeAllowRule } from "@/lib/outbound/mutations";
import { startReceiver, type Receiver } from "@/test/webhook-receiver";
import { makeUser, uniqueEmail } from "@/test/fixtures";
import {
  closedPort as unusedPort,
  startSmtpReceiver,
  type SmtpReceiver,
} from "@/test/smtp-receiver";

let owner: Actor;
let admin: Actor;
let receiver: Receiver;
let localhostReceiver: Receiver;
let smtp: SmtpReceiver;
let closedPort: number;
const ruleIds: string[] = [];
const methodIds: string[] = [];

beforeAll(async () => {
  owner = await makeUser("responder", "contact-send");
  admin = await makeUser("admin", "contact-rules");
  receiver = await startReceiver("127.0.0.1");
  localhostReceiver = await startReceiver("localhost");
  closedPort = await unusedPort();
  smtp = await startSmtpReceiver();
  for (const port of [receiver.port, localhostReceiver.port, closedPort]) {
    ruleIds.push(
      (await addAllowRule(admin, { rule: `127.0.0.1:${port}`, note: "contact send tests" })).id,
    );
  }
});

afterAll(async () => {
  for (const id of methodIds) await deleteContactMethod(owner, id).catch(() => undefined);
  for (const id of ruleIds) await removeAllowRule(admin, id);
  await receiver.close();
  await localhostReceiver.close();
  await smtp.close();
});

async function addMethod(
  kind: "email" | "slack" | "ntfy" | "webhook",
  target: string,
  label = `${kind} test`,
) {
  const method = await createContactMethod(owner, { kind, target, label });
  methodIds.push(method.id);
  return method;
}

const smtpConfig = () => ({
  url: `smtp://vigil:secret-pass@127.0.0.1:${smtp.port}`,
  from: "Vigil <vigil@vigil.test>",
});

describe("send test", () => {
  it("emails the address through SMTP and records the delivery", async () => {
    const to = uniqueEmail("pager");
    const method = await addMethod("email", to, "Work mail");
    const before = Date.now();
    const result = await sendTestNotification(owner, method.id, { smtp: smtpConfig() });
    expect(result).toMatchObject({ lastTestStatus: "delivered", lastTestError: null });
    expect(Date.parse(result.lastTestAt ?? "")).toBeGreaterThanOrEqual(before - 1_000);
    const mail = smtp.mails.find((candidate) => candidate.text?.includes("Work mail"));
    expect(mail?.subject).toBe("Vigil test notification");
    expect(mail?.from?.text).toContain("vigil@vigil.test");
    expect(JSON.stringify(mail?.to)).toContain(to);
    expect(mail?.text).toContain("This is a test from Vigil");
    expect(mail?.text).toContain("/settings/account");
  });

  it("fails clearly when email is not configured", async () => {
    const method = await addMethod("email", uniqueEmail("nosmtp"));
    const result = await sendTestNotification(owner, method.id, {
      smtp: { url: null, from: "Vigil <vigil@localhost>" },
    });
    expect(result).toMatchObject({ lastTestStatus: "failed", lastTestError: emailNotConfigured });
    expect(emailNotConfigured).toMatch(/set VIGIL_SMTP_URL/);
  });

  it("records an SMTP server that cannot be reached, without its password", async () => {
    const method = await addMethod("email", uniqueEmail("deadsmtp"));
    const result = await sendTestNotification(owner, method.id, {
      smtp: {
        url: `smtp://vigil:secret-pass@127.0.0.1:${closedPort}`,
        from: "Vigil <vigil@localhost>",
      },
      timeoutMs: 3_000,
    });
    expect(result.lastTestStatus).toBe("failed");
    expect(result.lastTestError).toMatch(/Could not send the email/);
    expect(result.lastTestError).not.toContain("secret-pass");
  });

  it("posts { text } to a Slack-compatible webhook", async () => {
    const method = await addMethod("slack", receiver.url("/services/T000/B000/slack-token-123"));
    const result = await sendTestNotification(owner, method.id);
    expect(result.lastTestStatus).toBe("delivered");
    const request = receiver.requests.find((candidate) =>
      candidate.path.includes("slack-token-123"),
    );
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(request?.body ?? "{}") as { text?: string };
    expect(body.text).toContain("This is a test from Vigil");
  });

  it("posts the generic JSON envelope to a webhook", async () => {
    const method = await addMethod(
      "webhook",
      receiver.url("/hooks/generic-abc?sig=generic-sig-456"),
    );
    await sendTestNotification(owner, method.id);
    const request = receiver.requests.find((candidate) =>
      candidate.path.includes("generic-sig-456"),
    );
    const body = JSON.parse(request?.body ?? "{}") as { kind?: string; text?: string; at?: string };
    expect(body.kind).toBe("vigil.test");
    expect(body.text).toContain("This is a test from Vigil");
    expect(Number.isNaN(Date.parse(body.at ?? ""))).toBe(false);
  });

  it("posts a text body with Title, Priority and Click headers to an ntfy topic, by the name localhost too", async () => {
    const method = await addMethod("ntfy", localhostReceiver.url("/vigil-topic-789"));
    expect(localhostReceiver.url("/x")).toContain("//localhost:");
    const result = await sendTestNotification(owner, method.id);
    expect(result.lastTestStatus).toBe("delivered");
    const request = localhostReceiver.requests.find(
      (candidate) => candidate.path === "/vigil-topic-789",
    );
    expect(request?.headers.title).toBe("Vigil test notification");
    expect(request?.headers.priority).toBe("default");
    expect(request?.headers.click).toMatch(/\/settings\/account$/);
    expect(request?.headers["content-type"]).toMatch(/^text\/plain/);
    expect(request?.body).toContain("This is a test from Vigil");
  });

  it("records a receiver's refusal and a closed port, with the target's secret scrubbed", async () => {
    receiver.answerWith({ status: 403, body: "no such token {path}" });
    const refused = await addMethod("webhook", receiver.url("/hooks/refused-secret-xyz"));
    const answer = await sendTestNotification(owner, refused.id);
    expect(answer.lastTestStatus).toBe("failed");
    expect(answer.lastTestError).toMatch(/HTTP 403/);
    expect(answer.lastTestError).not.toContain("refused-secret-xyz");

    const closed = await addMethod(
      "webhook",
      `http://127.0.0.1:${closedPort}/hooks/closed-secret-abc`,
    );
    const result = await sendTestNotification(owner, closed.id, { timeoutMs: 3_000 });
    expect(result.lastTestStatus).toBe("failed");
    expect(result.lastTestError).toBeTruthy();
    expect(result.lastTestError).not.toContain("closed-secret-abc");
    const row = await db.contactMethod.findUniqueOrThrow({ where: { id: closed.id } });
    expect(row).toMatchObject({ lastTestStatus: "failed", lastTestError: result.lastTestError });
    const audit = await db.auditLog.findMany({
      where: { targetType: "contact_method", targetId: closed.id },
    });
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["contact_method.create", "contact_method.test"]),
    );
    expect(JSON.stringify(audit.map((entry) => entry.details))).not.toContain("closed-secret-abc");
  });
});
