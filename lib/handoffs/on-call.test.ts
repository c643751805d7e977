import { describe, expect, it } from "vitest";
import {
  onCallAt,
  type OnCallHandoff,
  type OnCallRotationEntry,
  type OnCallSchedule,
} from "@/lib/handoffs/on-call";

const ada: OnCallRotationEntry = { id: "a", name: "Ada", disabled: false };
const bea: OnCallRotationEntry = { id: "b", name: "Bea", disabled: false };
const cyd: OnCallRotationEntry = { id: "c", name: "Cyd", disabled: false };
const rotation = [ada, bea, cyd];

// 2026-12-07 is a Monday.
const daily: OnCallSchedule = {
  cadence: "daily",
  hourUtc: 9,
  minuteUtc: 0,
  weekday: 1,
  version: 3,
  rotationStartsAt: new Date("2026-12-07T09:00:00Z"),
};
const weekly: OnCallSchedule = { ...daily, cadence: "weekly" };

function handoff(number: number, incoming: string, start: string, end: string): OnCallHandoff {
  return {
    id: `h${number}`,
    number,
    incoming: { id: incoming, name: incoming.toUpperCase() },
    windowStart: new Date(start),
    windowEnd: new Date(end),
    acknowledged: number % 2 === 0,
  };
}

const who = (
  at: string,
  schedule: OnCallSchedule = daily,
  handoffs: OnCallHandoff[] = [],
  members = rotation,
) => onCallAt(new Date(at), { handoffs, schedule, rotation: members }).person?.name ?? null;

describe("onCallAt: the rotation", () => {
  it("the first shift after the start is the first person, until the next change", () => {
    expect(
      onCallAt(new Date("2026-12-07T10:00:00Z"), { handoffs: [], schedule: daily, rotation }),
    ).toEqual({
      person: { id: "a", name: "Ada" },
      source: "rotation",
      reason: "rotation: shift 1 of 3, until Tue 09:00 UTC",
      until: "2026-12-08T09:00:00.000Z",
      handoff: null,
      shift: { position: 1, length: 3 },
    });
  });

  it("moves on at each change, exactly at the minute, and wraps around", () => {
    expect(who("2026-12-07T09:00:00Z")).toBe("Ada");
    expect(who("2026-12-08T08:59:59.999Z")).toBe("Ada");
    expect(who("2026-12-08T09:00:00Z")).toBe("Bea");
    expect(who("2026-12-09T12:00:00Z")).toBe("Cyd");
    expect(who("2026-12-10T09:00:00Z")).toBe("Ada");
    expect(who("2026-12-11T09:00:00Z")).toBe("Bea");
    // 300 days later: 300 mod 3 = 0.
    expect(who("2027-10-03T09:30:00Z")).toBe("Ada");
  });

  it("weekly: one person from Monday 09:00 to the next Monday 09:00", () => {
    expect(who("2026-12-13T23:00:00Z", weekly)).toBe("Ada");
    expect(who("2026-12-14T08:59:00Z", weekly)).toBe("Ada");
    const second = onCallAt(new Date("2026-12-20T12:00:00Z"), {
      handoffs: [],
      schedule: weekly,
      rotation,
    });
    expect(second).toMatchObject({
      person: { name: "Bea" },
      reason: "rotation: shift 2 of 3, until Mon 09:00 UTC",
      until: "2026-12-21T09:00:00.000Z",
    });
    expect(who("2026-12-21T09:00:00Z", weekly)).toBe("Cyd");
    expect(who("2026-12-28T09:00:00Z", weekly)).toBe("Ada");
  });

  it("a start between two changes counts from the change before it", () => {
    const midShift = { ...daily, rotationStartsAt: new Date("2026-12-07T15:00:00Z") };
    expect(who("2026-12-07T16:00:00Z", midShift)).toBe("Ada");
    expect(who("2026-12-08T09:00:00Z", midShift)).toBe("Bea");
  });

  it("counts in UTC across the European and American clock changes: 24 h steps, never 23 or 25", () => {
    const spring = { ...daily, rotationStartsAt: new Date("2027-03-13T09:00:00Z") };
    expect(who("2027-03-14T08:59:00Z", spring)).toBe("Ada");
    expect(who("2027-03-14T09:00:00Z", spring)).toBe("Bea");
    expect(who("2027-03-28T09:00:00Z", spring)).toBe(rotation[15 % 3]?.name);
    expect(
      onCallAt(new Date("2027-03-28T08:00:00Z"), { handoffs: [], schedule: spring, rotation })
        .until,
    ).toBe("2027-03-28T09:00:00.000Z");
    expect(who("2027-10-31T09:00:00Z", spring)).toBe(rotation[232 % 3]?.name);
  });

  it("a schedule change is followed at once: the same moment, another shift count", () => {
    expect(who("2026-12-09T08:30:00Z", daily)).toBe("Bea");
    expect(who("2026-12-09T08:30:00Z", weekly)).toBe("Ada");
    // Changing at 08:00 instead of 09:00: on the 9th at 08:30 the third shift has already begun.
    expect(who("2026-12-09T08:30:00Z", { ...daily, hourUtc: 8 })).toBe("Cyd");
    expect(
      onCallAt(new Date("2026-12-09T12:00:00Z"), {
        handoffs: [],
        schedule: { ...daily, hourUtc: 13, minuteUtc: 30 },
        rotation,
      }).until,
    ).toBe("2026-12-09T13:30:00.000Z");
  });

  it("a disabled member's shift goes to the next enabled one; the others keep their shifts", () => {
    const members = [ada, { ...bea, disabled: true }, cyd];
    expect(who("2026-12-07T10:00:00Z", daily, [], members)).toBe("Ada");
    const skipped = onCallAt(new Date("2026-12-08T10:00:00Z"), {
      handoffs: [],
      schedule: daily,
      rotation: members,
    });
    expect(skipped).toMatchObject({ person: { name: "Cyd" }, shift: { position: 3, length: 3 } });
    expect(who("2026-12-09T10:00:00Z", daily, [], members)).toBe("Cyd");
    expect(who("2026-12-10T10:00:00Z", daily, [], members)).toBe("Ada");
    // The last member disabled: the shift wraps to the first.
    expect(who("2026-12-09T10:00:00Z", daily, [], [ada, bea, { ...cyd, disabled: true }])).toBe(
      "Ada",
    );
  });

  it("nobody when the rotation is empty, all disabled, has no start or has not started", () => {
    const empty = onCallAt(new Date("2026-12-07T10:00:00Z"), {
      handoffs: [],
      schedule: daily,
      rotation: [],
    });
    expect(empty).toEqual({
      person: null,
      source: "nobody",
      reason: "no handoff covers now and the rotation is empty",
      until: null,
      handoff: null,
      shift: null,
    });
    expect(
      onCallAt(new Date("2026-12-07T10:00:00Z"), {
        handoffs: [],
        schedule: daily,
        rotation: [{ ...ada, disabled: true }],
      }).source,
    ).toBe("nobody");
    expect(
      onCallAt(new Date("2026-12-07T10:00:00Z"), {
        handoffs: [],
        schedule: { ...daily, rotationStartsAt: null },
        rotation,
      }).source,
    ).toBe("nobody");
    const early = onCallAt(new Date("2026-12-07T08:00:00Z"), {
      handoffs: [],
      schedule: daily,
      rotation,
    });
    expect(early).toMatchObject({
      person: null,
      reason: "no handoff covers now and the rotation starts Mon 09:00 UTC",
      until: "2026-12-07T09:00:00.000Z",
    });
  });
});

describe("onCallAt: a handoff beats the rotation", () => {
  const covering = handoff(12, "zed", "2026-12-08T09:00:00Z", "2026-12-09T09:00:00Z");

  it("the incoming on-call of the handoff whose window covers now, until its end", () => {
    expect(
      onCallAt(new Date("2026-12-08T10:00:00Z"), {
        handoffs: [covering],
        schedule: daily,
        rotation,
      }),
    ).toEqual({
      person: { id: "zed", name: "ZED" },
      source: "handoff",
      reason: "handoff #12",
      until: "2026-12-09T09:00:00.000Z",
      handoff: { id: "h12", number: 12, acknowledged: true },
      shift: null,
    });
  });

  it("the rotation before the window starts (ending where it starts) and after it ends", () => {
    const written = handoff(13, "zed", "2026-12-08T09:30:00Z", "2026-12-09T09:00:00Z");
    const before = onCallAt(new Date("2026-12-08T09:10:00Z"), {
      handoffs: [written],
      schedule: daily,
      rotation,
    });
    expect(before).toMatchObject({
      person: { name: "Bea" },
      source: "rotation",
      until: "2026-12-08T09:30:00.000Z",
      reason: "rotation: shift 2 of 3, until Tue 09:30 UTC",
    });
    expect(who("2026-12-08T09:30:00Z", daily, [written])).toBe("ZED");
    expect(who("2026-12-09T09:00:00Z", daily, [written])).toBe("Cyd");
  });

  it("with an empty rotation the handoff still answers; two covering: the later start, then the higher number", () => {
    expect(who("2026-12-08T10:00:00Z", daily, [covering], [])).toBe("ZED");
    const later = handoff(10, "yan", "2026-12-08T09:05:00Z", "2026-12-09T09:00:00Z");
    expect(who("2026-12-08T10:00:00Z", daily, [covering, later])).toBe("YAN");
    const sameStart = handoff(14, "xia", "2026-12-08T09:00:00Z", "2026-12-09T09:00:00Z");
    expect(who("2026-12-08T10:00:00Z", daily, [sameStart, covering])).toBe("XIA");
  });
});
