import { describe, expect, it } from "vitest";
import {
  maintenanceUntil,
  nextOccurrence,
  occurrenceAt,
  type WindowTimes,
} from "@/lib/maintenance/windows";

const at = (iso: string) => new Date(iso);
const week = 7 * 86_400_000;

function window(fields: Partial<WindowTimes> = {}): WindowTimes {
  return {
    startsAt: at("2026-12-07T02:00:00Z"),
    endsAt: at("2026-12-07T03:30:00Z"),
    recurrence: "none",
    endedAt: null,
    cancelledAt: null,
    ...fields,
  };
}

describe("occurrenceAt", () => {
  it("covers [start, end) of a one-off window and nothing outside it", () => {
    const once = window();
    expect(occurrenceAt(once, at("2026-12-07T01:59:59Z"))).toBeNull();
    expect(occurrenceAt(once, at("2026-12-07T02:00:00Z"))).toEqual({
      start: at("2026-12-07T02:00:00Z"),
      end: at("2026-12-07T03:30:00Z"),
    });
    expect(occurrenceAt(once, at("2026-12-07T03:29:59Z"))?.end).toEqual(at("2026-12-07T03:30:00Z"));
    expect(occurrenceAt(once, at("2026-12-07T03:30:00Z"))).toBeNull();
    expect(occurrenceAt(once, at("2026-12-14T02:30:00Z"))).toBeNull();
  });

  it("repeats a weekly window every 7 days at the same time, and not in between", () => {
    const weekly = window({ recurrence: "weekly" });
    expect(occurrenceAt(weekly, at("2026-12-14T02:30:00Z"))).toEqual({
      start: at("2026-12-14T02:00:00Z"),
      end: at("2026-12-14T03:30:00Z"),
    });
    expect(occurrenceAt(weekly, at("2027-03-01T03:00:00Z"))).toEqual({
      start: at("2027-03-01T02:00:00Z"),
      end: at("2027-03-01T03:30:00Z"),
    });
    expect(occurrenceAt(weekly, at("2026-12-10T02:30:00Z"))).toBeNull();
    expect(occurrenceAt(weekly, at("2026-12-14T03:30:00Z"))).toBeNull();
    expect(occurrenceAt(weekly, at("2026-12-07T01:00:00Z"))).toBeNull();
  });

  it("ended early: cuts the occurrence it falls in; a one-off window stays ended", () => {
    const once = window({ endedAt: at("2026-12-07T02:10:00Z") });
    expect(occurrenceAt(once, at("2026-12-07T02:05:00Z"))).toEqual({
      start: at("2026-12-07T02:00:00Z"),
      end: at("2026-12-07T02:10:00Z"),
    });
    expect(occurrenceAt(once, at("2026-12-07T02:10:00Z"))).toBeNull();
    expect(occurrenceAt(once, at("2026-12-07T03:00:00Z"))).toBeNull();
    // Ended before it began: never covers anything.
    expect(
      occurrenceAt(window({ endedAt: at("2026-12-06T00:00:00Z") }), at("2026-12-07T02:30:00Z")),
    ).toBeNull();
  });

  it("ended early, weekly: only the occurrence it falls in is cut, the next ones run in full", () => {
    const weekly = window({ recurrence: "weekly", endedAt: at("2026-12-14T02:15:00Z") });
    expect(occurrenceAt(weekly, at("2026-12-07T03:00:00Z"))?.end).toEqual(
      at("2026-12-07T03:30:00Z"),
    );
    expect(occurrenceAt(weekly, at("2026-12-14T02:10:00Z"))?.end).toEqual(
      at("2026-12-14T02:15:00Z"),
    );
    expect(occurrenceAt(weekly, at("2026-12-14T02:20:00Z"))).toBeNull();
    expect(occurrenceAt(weekly, at("2026-12-21T03:00:00Z"))?.end).toEqual(
      at("2026-12-21T03:30:00Z"),
    );
  });

  it("cancelled weekly: no occurrence starts at or after the cancellation", () => {
    const weekly = window({ recurrence: "weekly", cancelledAt: at("2026-12-10T00:00:00Z") });
    expect(occurrenceAt(weekly, at("2026-12-07T02:30:00Z"))).not.toBeNull();
    expect(occurrenceAt(weekly, at("2026-12-14T02:30:00Z"))).toBeNull();
    expect(
      occurrenceAt(weekly, new Date(at("2026-12-07T02:30:00Z").getTime() + 5 * week)),
    ).toBeNull();
  });

  it("refuses a window whose end is not after its start", () => {
    expect(
      occurrenceAt(window({ endsAt: at("2026-12-07T02:00:00Z") }), at("2026-12-07T02:00:00Z")),
    ).toBeNull();
    expect(
      occurrenceAt(window({ endsAt: at("2026-12-07T01:00:00Z") }), at("2026-12-07T01:30:00Z")),
    ).toBeNull();
  });
});

describe("maintenanceUntil", () => {
  it("is null when no window covers the moment", () => {
    expect(maintenanceUntil([], at("2026-12-07T02:30:00Z"))).toBeNull();
    expect(maintenanceUntil([window()], at("2026-12-07T04:00:00Z"))).toBeNull();
  });

  it("overlapping windows: the latest end of those covering the moment", () => {
    const early = window();
    const late = window({
      startsAt: at("2026-12-07T03:00:00Z"),
      endsAt: at("2026-12-07T05:00:00Z"),
    });
    expect(maintenanceUntil([early, late], at("2026-12-07T02:30:00Z"))).toEqual(
      at("2026-12-07T03:30:00Z"),
    );
    expect(maintenanceUntil([early, late], at("2026-12-07T03:15:00Z"))).toEqual(
      at("2026-12-07T05:00:00Z"),
    );
    expect(maintenanceUntil([late, early], at("2026-12-07T03:15:00Z"))).toEqual(
      at("2026-12-07T05:00:00Z"),
    );
    expect(maintenanceUntil([early, late], at("2026-12-07T04:00:00Z"))).toEqual(
      at("2026-12-07T05:00:00Z"),
    );
  });

  it("overlapping weekly and one-off: an early end of one leaves the other covering", () => {
    const weekly = window({ recurrence: "weekly", endedAt: at("2026-12-14T02:05:00Z") });
    const once = window({
      startsAt: at("2026-12-14T01:00:00Z"),
      endsAt: at("2026-12-14T02:45:00Z"),
    });
    expect(maintenanceUntil([weekly, once], at("2026-12-14T02:10:00Z"))).toEqual(
      at("2026-12-14T02:45:00Z"),
    );
    expect(maintenanceUntil([weekly, once], at("2026-12-14T03:00:00Z"))).toBeNull();
  });
});

describe("nextOccurrence", () => {
  it("a one-off window: its own times until it begins; none once begun or ended early", () => {
    expect(nextOccurrence(window(), at("2026-12-07T01:00:00Z"))).toEqual({
      start: at("2026-12-07T02:00:00Z"),
      end: at("2026-12-07T03:30:00Z"),
    });
    expect(nextOccurrence(window(), at("2026-12-07T02:30:00Z"))).toBeNull();
    expect(
      nextOccurrence(window({ endedAt: at("2026-12-07T01:00:00Z") }), at("2026-12-07T01:30:00Z")),
    ).toBeNull();
  });

  it("a weekly window: the next start after the moment, none past its cancellation", () => {
    const weekly = window({ recurrence: "weekly" });
    expect(nextOccurrence(weekly, at("2026-12-07T02:30:00Z"))?.start).toEqual(
      at("2026-12-14T02:00:00Z"),
    );
    expect(nextOccurrence(weekly, at("2026-12-07T02:00:00Z"))?.start).toEqual(
      at("2026-12-14T02:00:00Z"),
    );
    expect(nextOccurrence(weekly, at("2026-12-01T00:00:00Z"))?.start).toEqual(
      at("2026-12-07T02:00:00Z"),
    );
    expect(
      nextOccurrence(
        { ...weekly, cancelledAt: at("2026-12-08T00:00:00Z") },
        at("2026-12-07T02:30:00Z"),
      ),
    ).toBeNull();
  });
});
