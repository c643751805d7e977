import { describe, expect, it } from "vitest";
import { parseHappenedAt } from "@/lib/incidents/happened-at";

const now = new Date("2026-11-28T14:30:00.000Z");

describe("parseHappenedAt", () => {
  it("is empty when nothing is typed: the entry happened now", () => {
    expect(parseHappenedAt("  ", now)).toEqual({ ok: true, iso: null });
  });
  it("reads a bare UTC clock time as today", () => {
    expect(parseHappenedAt("14:05", now)).toEqual({ ok: true, iso: "2026-11-28T14:05:00.000Z" });
    expect(parseHappenedAt("9:07:30 UTC", now)).toEqual({
      ok: true,
      iso: "2026-11-28T09:07:30.000Z",
    });
  });
  it("reads a clock time later than now as yesterday", () => {
    expect(parseHappenedAt("23:50", new Date("2026-11-28T00:10:00.000Z"))).toEqual({
      ok: true,
      iso: "2026-11-27T23:50:00.000Z",
    });
  });
  it("reads dated times as UTC, with or without T and Z, and ISO times with an offset", () => {
    expect(parseHappenedAt("2026-11-27 23:41", now)).toEqual({
      ok: true,
      iso: "2026-11-27T23:41:00.000Z",
    });
    expect(parseHappenedAt("2026-11-27T3:41:05Z", now)).toEqual({
      ok: true,
      iso: "2026-11-27T03:41:05.000Z",
    });
    expect(parseHappenedAt("2026-11-28T15:00:00+02:00", now)).toEqual({
      ok: true,
      iso: "2026-11-28T13:00:00.000Z",
    });
  });
  it("refuses the future and what it cannot read", () => {
    expect(parseHappenedAt("2026-11-28 15:00", now)).toEqual({
      ok: false,
      error: "That time is in the future.",
    });
    expect(parseHappenedAt("25:00", now).ok).toBe(false);
    expect(parseHappenedAt("yesterday", now).ok).toBe(false);
    expect(parseHappenedAt("2026-13-01 10:00", now).ok).toBe(false);
  });
});
