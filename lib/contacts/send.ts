import "server-only";
import nodemailer from "nodemailer";
import type { Actor } from "@/lib/auth/roles";
import { loadOwnedContactMethod, recordContactTest } from "@/lib/contacts/data";
import type { ContactMethodKind, ContactMethodView, ContactTestStatus } from "@/lib/contacts/types";
import { publicUrl, smtpConfigFromEnv, type SmtpConfig } from "@/lib/env";
import { probe } from "@/lib/outbound/http-client";
import {
  deliveryTimeoutMs,
  judgeResponse,
  maxResponseBytes,
} from "@/lib/notifications/delivery-verdict";
import { escapeMrkdwn } from "@/lib/notifications/payload";
import { scrubUrlSecrets } from "@/lib/notifications/redact-url";
import { loadAllowRules, type AllowRule } from "@/lib/outbound/policy";

/** ntfy's priorities: a page is urgent, a warning default, a recovery low. */
export type ContactPriority = "urgent" | "high" | "default" | "low";

export type ContactMessage = {
  title: string;
  text: string;
  link: string;
  kind: string;
  at: Date;
  priority?: ContactPriority;
};

export type ContactSendOptions = {
  smtp: SmtpConfig;
  rules: AllowRule[];
  timeoutMs: number;
};

/** `retry`: the failure may pass (network, 5xx, an SMTP server not answering or answering 4xx), worth another attempt later. */
export type ContactSendResult = {
  status: ContactTestStatus;
  error: string | null;
  retry?: boolean;
  httpStatus?: number | null;
};

// nodemailer's codes for a server that could not be reached or went away, and SMTP's transient (4xx) answers.
const transientSmtpCodes = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
]);
function isTransientSmtpError(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === "number") return responseCode >= 400 && responseCode < 500;
  return typeof code === "string" && transientSmtpCodes.has(code);
}

export const emailNotConfigured = "Email is not configured: set VIGIL_SMTP_URL.";

/** A message may quote the SMTP URL or the target; neither's secrets reach the caller, the row or the log. */
function scrub(message: string, secrets: Array<string | null>): string {
  return secrets
    .reduce<string>((text, secret) => (secret ? scrubUrlSecrets(text, secret) : text), message)
    .slice(0, 1_000);
}

async function sendEmail(
  to: string,
  message: ContactMessage,
  options: ContactSendOptions,
): Promise<ContactSendResult> {
  if (!options.smtp.url) return { status: "failed", error: emailNotConfigured };
  const transport = nodemailer.createTransport(options.smtp.url, {
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  try {
    await transport.sendMail({
      from: options.smtp.from,
      to,
      subject: message.title,
      text: `${message.text}\n\n${message.link}\n`,
    });
    return { status: "delivered", error: null };
  } catch (error) {
    return {
      status: "failed",
      error: scrub(`Could not send the email: ${(error as Error).message ?? String(error)}`, [
        options.smtp.url,
      ]),
      retry: isTransientSmtpError(error),
    };
  } finally {
    transport.close();
  }
}

function httpRequestFor(
  kind: Exclude<ContactMethodKind, "email">,
  message: ContactMessage,
): { body: string; headers: Record<string, string> } {
  const base = { "user-agent": "Vigil/1 (+contact-methods)", accept: "*/*" };
  if (kind === "ntfy") {
    return {
      body: message.text,
      // Header values must be plain ASCII; the text body carries anything else.
      headers: {
        ...base,
        "content-type": "text/plain; charset=utf-8",
        Title: message.title.replace(/[^\x20-\x7e]/g, "?"),
        Priority: message.priority ?? "default",
        Click: message.link,
      },
    };
  }
  // Slack's mrkdwn would turn `<!channel>` or `<url|label>` in a service's answer into a mention or a link.
  const json =
    kind === "slack"
      ? { text: `${escapeMrkdwn(message.title)}: ${escapeMrkdwn(message.text)} ${message.link}` }
      : {
          kind: message.kind,
          title: message.title,
          text: message.text,
          at: message.at.toISOString(),
          link: message.link,
        };
  return { body: JSON.stringify(json), headers: { ...base, "content-type": "application/json" } };
}

/**
 * Delivers one message to one contact method now: email through SMTP, the rest as one POST through the guarded
 * outbound client (the policy is applied after DNS, at connect time, with a deadline). Never throws for the
 * receiver's sake; an error names what went wrong without the target's secrets.
 */
export async function deliverToContact(
  method: { kind: ContactMethodKind; target: string },
  message: ContactMessage,
  options: ContactSendOptions,
): Promise<ContactSendResult> {
  if (method.kind === "email") return sendEmail(method.target, message, options);
  const request = httpRequestFor(method.kind, message);
  const result = await probe({
    url: method.target,
    method: "POST",
    body: request.body,
    headers: request.headers,
    timeoutMs: options.timeoutMs,
    rules: options.rules,
    maxBodyBytes: maxResponseBytes,
  });
  const verdict = judgeResponse(result);
  if (verdict.outcome === "delivered")
    return { status: "delivered", error: null, httpStatus: verdict.httpStatus };
  return {
    status: "failed",
    error: scrub(verdict.error, [method.target]),
    retry: verdict.outcome === "retry",
    httpStatus: verdict.httpStatus,
  };
}

export function testMessageFor(actor: Actor, label: string, at: Date = new Date()): ContactMessage {
  const what = label ? `"${label}"` : "this contact method";
  return {
    title: "Vigil test notification",
    text: `This is a test from Vigil, sent by ${actor.name || actor.email}: pages will reach you through ${what}.`,
    link: `${publicUrl()}/settings/account`,
    kind: "vigil.test",
    at,
  };
}

/**
 * "Send test": delivers a short test message now (even to a disabled method) and records when, and how it went, on
 * the method. Options default to the environment's SMTP settings and the current allow rules.
 */
export async function sendTestNotification(
  actor: Actor,
  methodId: string,
  options: Partial<ContactSendOptions> = {},
): Promise<ContactMethodView> {
  const method = await loadOwnedContactMethod(actor, methodId);
  const settled: ContactSendOptions = {
    smtp: options.smtp ?? smtpConfigFromEnv(),
    rules: options.rules ?? (await loadAllowRules({ fresh: true })),
    timeoutMs: options.timeoutMs ?? deliveryTimeoutMs,
  };
  const outcome = await deliverToContact(method, testMessageFor(actor, method.label), settled);
  return recordContactTest(actor, method, outcome);
}
