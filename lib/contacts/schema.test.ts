import { describe, expect, it } from "vitest";
import { createContactMethodSchema } from "@/lib/contacts/schema";
import { parseEnv } from "@/lib/env";

describe("contact method schema", () => {
  it("wants an email address for email and an http(s) URL for the rest, naming the target field", () => {
    expect(
      createContactMethodSchema.safeParse({ kind: "email", target: "ada@example.com" }).success,
    ).toBe(true);
    expect(
      createContactMethodSchema.safeParse({ kind: "ntfy", target: "https://ntfy.sh/vigil-ada" })
        .success,
    ).toBe(true);
    for (const input of [
      { kind: "email", target: "https://example.com" },
      { kind: "slack", target: "ada@example.com" },
      { kind: "webhook", target: "ftp://example.com/x" },
    ]) {
      const result = createContactMethodSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain("target");
    }
    expect(
      createContactMethodSchema.safeParse({
        kind: "email",
        target: "a@b.co",
        label: "x".repeat(61),
      }).success,
    ).toBe(false);
  });
});

describe("SMTP settings", () => {
  it("takes an smtp(s) URL and a sender with a default, and refuses anything else", () => {
    expect(parseEnv({ VIGIL_SMTP_URL: "smtp://u:p@mail.example:587" })).toMatchObject({
      VIGIL_SMTP_URL: "smtp://u:p@mail.example:587",
      VIGIL_SMTP_FROM: "Vigil <vigil@localhost>",
    });
    expect(parseEnv({}).VIGIL_SMTP_URL).toBeUndefined();
    expect(() => parseEnv({ VIGIL_SMTP_URL: "http://mail.example" })).toThrow(/VIGIL_SMTP_URL/);
  });
});
