import { describe, expect, it } from "vitest";
import { matchPerson, parseTimelineCommand } from "@/lib/incidents/slash";

describe("parseTimelineCommand", () => {
  it("reads /status with a status or its alias", () => {
    expect(parseTimelineCommand("/status mitigated")).toEqual({
      ok: true,
      command: { kind: "status", status: "mitigated" },
    });
    expect(parseTimelineCommand("/status monitoring")).toEqual({
      ok: true,
      command: { kind: "status", status: "mitigated" },
    });
    expect(parseTimelineCommand("  /STATUS Identified ")).toEqual({
      ok: true,
      command: { kind: "status", status: "identified" },
    });
    expect(parseTimelineCommand("/status sleeping")).toEqual({
      ok: false,
      error: expect.stringMatching(/^Usage: \/status/),
    });
  });

  it("refuses /status resolved and points at /resolve, since resolving needs a root cause", () => {
    const parsed = parseTimelineCommand("/status resolved");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/root cause: use \/resolve <root cause>/);
  });

  it("reads /resolve with its root cause, and refuses it without one", () => {
    expect(
      parseTimelineCommand("/resolve expired TLS certificate on the edge\nrenewed by hand"),
    ).toEqual({
      ok: true,
      command: {
        kind: "resolve",
        rootCause: "expired TLS certificate on the edge\nrenewed by hand",
      },
    });
    expect(parseTimelineCommand("/resolve   ")).toEqual({
      ok: false,
      error: expect.stringMatching(/needs a root cause/),
    });
  });

  it("reads /sev as 1, SEV2 or sev 3", () => {
    expect(parseTimelineCommand("/sev 1")).toEqual({
      ok: true,
      command: { kind: "severity", severity: "sev1" },
    });
    expect(parseTimelineCommand("/sev SEV2")).toEqual({
      ok: true,
      command: { kind: "severity", severity: "sev2" },
    });
    expect(parseTimelineCommand("/severity sev 3")).toEqual({
      ok: true,
      command: { kind: "severity", severity: "sev3" },
    });
    expect(parseTimelineCommand("/sev 4")).toEqual({ ok: false, error: "Usage: /sev 1|2|3" });
  });

  it("reads role commands with or without the @", () => {
    expect(parseTimelineCommand("/ic @ada")).toEqual({
      ok: true,
      command: { kind: "role", role: "commander", person: "ada" },
    });
    expect(parseTimelineCommand("/comms grace.hopper")).toEqual({
      ok: true,
      command: { kind: "role", role: "commsLead", person: "grace.hopper" },
    });
    expect(parseTimelineCommand("/scribe @")).toEqual({ ok: false, error: "Usage: /scribe @name" });
  });

  it("reads entry commands and /title", () => {
    expect(parseTimelineCommand("/deploy v1.2.3 to prod")).toEqual({
      ok: true,
      command: { kind: "entry", entryKind: "deploy", body: "v1.2.3 to prod" },
    });
    expect(parseTimelineCommand("/rollback")).toEqual({
      ok: false,
      error: "Usage: /rollback <text>",
    });
    expect(parseTimelineCommand("/title Studio login fails")).toEqual({
      ok: true,
      command: { kind: "title", title: "Studio login fails" },
    });
  });

  it("names an unknown command and lists the known ones", () => {
    const parsed = parseTimelineCommand("/page everyone");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(
      /^Unknown command \/page\. Try: .*\/status .*\/resolve/,
    );
  });

  it("keeps plain text as a note, and '//' escapes a leading slash", () => {
    expect(parseTimelineCommand("restarted the MCP pod")).toEqual({
      ok: true,
      command: { kind: "entry", entryKind: "note", body: "restarted the MCP pod" },
    });
    expect(parseTimelineCommand("//status is a command, this is a note")).toEqual({
      ok: true,
      command: { kind: "entry", entryKind: "note", body: "/status is a command, this is a note" },
    });
    expect(parseTimelineCommand("   ")).toEqual({ ok: false, error: "Write something." });
  });
});

describe("matchPerson", () => {
  const people = [
    { id: "1", name: "Ada Lovelace", email: "ada@example.com" },
    { id: "2", name: "Adam Smith", email: "adam.smith@example.com" },
    { id: "3", name: "Grace Hopper", email: "grace@example.com" },
  ];

  it("matches an email, its local part or the squashed name, case-insensitively", () => {
    expect(matchPerson(people, "@ada")).toMatchObject({ ok: true, person: { id: "1" } });
    expect(matchPerson(people, "GRACE@example.com")).toMatchObject({
      ok: true,
      person: { id: "3" },
    });
    expect(matchPerson(people, "adamsmith")).toMatchObject({ ok: true, person: { id: "2" } });
    expect(matchPerson(people, "gra")).toMatchObject({ ok: true, person: { id: "3" } });
  });

  it("refuses an ambiguous prefix, naming the candidates", () => {
    const match = matchPerson(people, "@ad");
    expect(match.ok).toBe(false);
    expect(!match.ok && match.error).toBe(
      "@ad could be ada@example.com or adam.smith@example.com: type more of it.",
    );
  });

  it("says so when nobody matches", () => {
    expect(matchPerson(people, "@linus")).toEqual({
      ok: false,
      error: "Nobody who can take an incident role matches @linus.",
    });
  });
});
