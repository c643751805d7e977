import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { HandoffView } from "@/lib/handoffs/types";

/** Acknowledged (when, by whom), overdue (red: its window started without an acknowledgement), or still to come. */
export function HandoffAckState({
  handoff,
  compact = false,
}: {
  handoff: HandoffView;
  compact?: boolean;
}) {
  if (handoff.acknowledgedAt) {
    return (
      <span className="text-sm" data-testid="handoff-acknowledged" data-state="acknowledged">
        <Badge tone="up">Acknowledged</Badge>{" "}
        <Time iso={handoff.acknowledgedAt} className="text-xs" />
        {compact || !handoff.acknowledgedBy ? null : (
          <span className="text-xs text-muted"> by {handoff.acknowledgedBy}</span>
        )}
      </span>
    );
  }
  if (handoff.overdue) {
    return (
      <span
        role={compact ? undefined : "alert"}
        className={
          compact
            ? "text-xs font-medium text-down"
            : "inline-flex flex-wrap items-center gap-1 rounded-md border border-down/40 bg-down-bg px-2 py-1 text-sm font-semibold text-down"
        }
        data-testid="handoff-overdue"
        data-state="overdue"
      >
        Not acknowledged — window started <Time iso={handoff.windowStart} />
      </span>
    );
  }
  return (
    <span className="text-xs text-muted" data-testid="handoff-pending" data-state="pending">
      Not acknowledged yet; the window starts <Time iso={handoff.windowStart} />
    </span>
  );
}
