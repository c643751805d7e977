import { describe, expect, it } from "vitest";
import { redactUrl, scrubUrlSecrets } from "@/lib/notifications/redact-url";
import { createWebhookSchema, updateWebhookSchema } from "@/lib/notifications/schema";
import { webhookInputFromForm } from "@/lib/notifications/webhook-form-input";

describe("redactUrl", () => {
  it("keeps scheme, host and a word-like first segment of a Slack URL and masks the tokens", () => {
    const redacted = redactUrl(
      "https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/xoxbSecretToken123",
    );
    expect(redacted).toBe("https://hooks.slack.com/services/••••");
    for (const secret of ["T01ABCDEF", "B02GHIJKL", "xoxbSecretToken123"])
      expect(redacted).not.toContain(secret);
  });

  it("masks a first segment that may itself be the secret", () => {
    expect(redactUrl("https://example.com/3f9c2a7be1d04c55a1")).toBe("https://example.com/••••");
    expect(redactUrl("https://example.com/abc123def456/more")).toBe("https://example.com/••••");
  });

  it("never shows the query string, the fragment or userinfo", () => {
    const redacted = redactUrl(
      "https://user:hunter2@example.com:8443/api?token=querySecret&x=1#frag",
    );
    expect(redacted).toBe("https://example.com:8443/api/••••");
    expect(redacted).not.toMatch(/querySecret|hunter2|user|frag/);
  });

  it("shows a bare host as it is and something harmless for nonsense", () => {
    expect(redactUrl("https://example.com/")).toBe("https://example.com");
    expect(redactUrl("https://example.com/hooks")).toBe("https://example.com/hooks");
    expect(redactUrl("not a url")).toBe("••••");
  });
});

describe("scrubUrlSecrets", () => {
  it("removes the whole URL, its path and query, and each hidden segment from a message", () => {
    const url = "https://hooks.example.com/services/T01SECRET/abcdef%20ghij?token=qs-secret";
    const message = `POST ${url} failed; path /services/T01SECRET/abcdef%20ghij?token=qs-secret; seg abcdef ghij; T01SECRET; qs-secret`;
    const scrubbed = scrubUrlSecrets(message, url);
    expect(scrubbed).not.toMatch(/T01SECRET|abcdef|qs-secret/);
    expect(scrubbed).toContain("failed");
  });
});

describe("webhook input", () => {
  it("accepts http(s) URLs only, up to 2,000 characters, and events from the list", () => {
    const ok = createWebhookSchema.safeParse({
      name: "Ops",
      url: "https://example.com/x",
      format: "slack",
      events: ["incident.resolved"],
    });
    expect(ok.success).toBe(true);
    const bad = createWebhookSchema.safeParse({
      name: "",
      url: "ftp://example.com/x",
      format: "teams",
      events: ["incident.exploded"],
    });
    expect(bad.success).toBe(false);
    const paths = bad.success ? [] : bad.error.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "url", "format", "events.0"]));
    expect(
      createWebhookSchema.safeParse({
        name: "Long",
        url: `https://example.com/${"a".repeat(2_000)}`,
        format: "generic",
      }).success,
    ).toBe(false);
  });

  it("treats a blank URL on edit as keep-the-stored-one", () => {
    const parsed = updateWebhookSchema.parse({
      name: "Ops",
      url: "  ",
      format: "generic",
      version: 3,
    });
    expect(parsed.url).toBeUndefined();
    expect(parsed.events).toEqual([]);
  });

  it("reads one checkbox per event from a form", () => {
    const input = webhookInputFromForm({
      name: "Ops",
      url: "",
      format: "generic",
      "event.incident.declared": "true",
      "event.incident.resolved": "on",
      enabled: "true",
    });
    expect(input.events).toEqual(["incident.declared", "incident.resolved"]);
    expect(input.enabled).toBe(true);
    expect(webhookInputFromForm({ name: "Ops" }).enabled).toBe(false);
  });
});
