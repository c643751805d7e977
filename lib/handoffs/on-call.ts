import type { HandoffScheduleView } from "@/lib/handoffs/types";
import { handoffPeriodMs, previousShiftChange } from "@/lib/handoffs/window";
import { formatUtcWeekdayTime } from "@/lib/time/format";

export type OnCallHandoff = {
  id: string;
  number: number;
  incoming: { id: string | null; name: string };
  windowStart: Date;
  windowEnd: Date;
  acknowledged: boolean;
};
export type OnCallRotationEntry = { id: string; name: string; disabled: boolean };
export type OnCallSchedule = HandoffScheduleView & { rotationStartsAt: Date | null };
export type OnCallInputs = {
  handoffs: OnCallHandoff[];
  schedule: OnCallSchedule;
  rotation: OnCallRotationEntry[];
};

/** Who is on call and why; `until` is when the answer next changes by itself (null: not until someone edits something). */
export type OnCallNow = {
  person: { id: string | null; name: string } | null;
  source: "handoff" | "rotation" | "nobody";
  reason: string;
  until: string | null;
  handoff: { id: string; number: number; acknowledged: boolean } | null;
  shift: { position: number; length: number } | null;
};

/** The handoff whose window holds `at`: the latest-starting one, then the highest number. */
function coveringHandoff(handoffs: OnCallHandoff[], at: Date): OnCallHandoff | null {
  const t = at.getTime();
  let best: OnCallHandoff | null = null;
  for (const handoff of handoffs) {
    if (handoff.windowStart.getTime() > t || handoff.windowEnd.getTime() <= t) continue;
    if (
      !best ||
      handoff.windowStart.getTime() > best.windowStart.getTime() ||
      (handoff.windowStart.getTime() === best.windowStart.getTime() && handoff.number > best.number)
    )
      best = handoff;
  }
  return best;
}

/** The earliest handoff window starting after `at`: the rotation's answer ends there. */
function nextHandoffStart(handoffs: OnCallHandoff[], at: Date): number | null {
  const starts = handoffs
    .map((handoff) => handoff.windowStart.getTime())
    .filter((start) => start > at.getTime());
  return starts.length === 0 ? null : Math.min(...starts);
}

/**
 * On call at `at`: the incoming on-call of the handoff whose window covers it; otherwise the rotation member for the
 * number of shift changes since the rotation started (a disabled member's shift goes to the next enabled one);
 * otherwise nobody.
 */
export function onCallAt(at: Date, { handoffs, schedule, rotation }: OnCallInputs): OnCallNow {
  const handoff = coveringHandoff(handoffs, at);
  if (handoff) {
    return {
      person: handoff.incoming,
      source: "handoff",
      reason: `handoff #${handoff.number}`,
      until: handoff.windowEnd.toISOString(),
      handoff: { id: handoff.id, number: handoff.number, acknowledged: handoff.acknowledged },
      shift: null,
    };
  }
  const nextHandoff = nextHandoffStart(handoffs, at);
  const nobody = (reason: string, until: number | null): OnCallNow => ({
    person: null,
    source: "nobody",
    reason,
    until: until === null ? null : new Date(until).toISOString(),
    handoff: null,
    shift: null,
  });
  if (rotation.length === 0)
    return nobody("no handoff covers now and the rotation is empty", nextHandoff);
  if (!rotation.some((member) => !member.disabled))
    return nobody("no handoff covers now and everyone in the rotation is disabled", nextHandoff);
  if (!schedule.rotationStartsAt)
    return nobody("no handoff covers now and the rotation has no start", nextHandoff);
  const startsAt = schedule.rotationStartsAt;
  if (at.getTime() < startsAt.getTime()) {
    return nobody(
      `no handoff covers now and the rotation starts ${formatUtcWeekdayTime(startsAt)}`,
      Math.min(startsAt.getTime(), nextHandoff ?? Infinity),
    );
  }
  const period = handoffPeriodMs(schedule);
  const shiftsSinceStart = Math.round(
    (previousShiftChange(schedule, at).getTime() -
      previousShiftChange(schedule, startsAt).getTime()) /
      period,
  );
  const slot = shiftsSinceStart % rotation.length;
  let position = slot;
  for (let step = 0; step < rotation.length; step++) {
    position = (slot + step) % rotation.length;
    if (!rotation[position]?.disabled) break;
  }
  const member = rotation[position];
  if (!member) return nobody("no handoff covers now and the rotation is empty", nextHandoff);
  const until = Math.min(
    previousShiftChange(schedule, at).getTime() + period,
    nextHandoff ?? Infinity,
  );
  return {
    person: { id: member.id, name: member.name },
    source: "rotation",
    reason: `rotation: shift ${position + 1} of ${rotation.length}, until ${formatUtcWeekdayTime(new Date(until))}`,
    until: new Date(until).toISOString(),
    handoff: null,
    shift: { position: position + 1, length: rotation.length },
  };
}
