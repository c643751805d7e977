export const deployStatuses = ["started", "succeeded", "failed", "rolled_back"] as const;
export type DeployStatus = (typeof deployStatuses)[number];
export const deployStatusLabels: Record<DeployStatus, string> = {
  started: "Deploying",
  succeeded: "Succeeded",
  failed: "Failed",
  rolled_back: "Rolled back",
};
export const deployStatusTones = {
  started: "degraded",
  succeeded: "up",
  failed: "down",
  rolled_back: "neutral",
} as const satisfies Record<DeployStatus, string>;

/** Where a deploy may go next; anything else is refused with the allowed moves. */
export const deployTransitions: Record<DeployStatus, readonly DeployStatus[]> = {
  started: ["succeeded", "failed", "rolled_back"],
  succeeded: ["rolled_back"],
  failed: ["rolled_back"],
  rolled_back: [],
};

/** The runbook's pre-deploy checklist (section 2). */
export const deployChecklistItems = ["ciGreen", "noSecretsInDiff", "versionTagRecorded"] as const;
export type DeployChecklistItem = (typeof deployChecklistItems)[number];
export const deployChecklistLabels: Record<DeployChecklistItem, string> = {
  ciGreen: "CI green",
  noSecretsInDiff: "No secrets in the diff",
  versionTagRecorded: "Version tag recorded",
};

/** A post-deploy smoke check's outcome: a health status, or why there is none. */
export const smokeStatuses = ["up", "degraded", "down", "skipped", "error"] as const;
export type SmokeStatus = (typeof smokeStatuses)[number];
