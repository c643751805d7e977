"use client";

import { duration, Fact, when } from "@/components/postmortems/impact-facts";
import type { DetectionFacts as DetectionFactsView } from "@/lib/postmortems/types";

/** What the health data says about how the incident was noticed; read-only beside the detection section. */
export function DetectionFacts({ detection }: { detection: DetectionFactsView }) {
  const signal = detection.firstSignal;
  return (
    <dl
      className="grid gap-x-4 gap-y-2 rounded-md border border-line bg-surface-2 p-3 sm:grid-cols-3"
      data-testid="detection-facts"
    >
      <Fact label="Detected by" testId="detection-by">
        {detection.detectedBy === "health_alert"
          ? "A health alert"
          : "The declaration (no alert came first)"}
      </Fact>
      <Fact label="Time to detect" testId="detection-time-to-detect">
        {duration(detection.timeToDetectMs)}
      </Fact>
      <Fact label="Time to declare">{duration(detection.timeToDeclareMs)}</Fact>
      <Fact label="Impact started">{when(detection.impactStartedAt)}</Fact>
      <Fact label="Detected">{when(detection.detectedAt)}</Fact>
      <Fact label="First failing check">
        {signal ? (
          <>
            {signal.service}: {signal.state} at {when(signal.at)}
            {signal.reason ? (
              <span className="block text-xs text-muted">{signal.reason}</span>
            ) : null}
          </>
        ) : (
          <span className="text-muted">The health checks saw nothing before the declaration.</span>
        )}
      </Fact>
    </dl>
  );
}
