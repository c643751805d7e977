import { deployStatuses } from "@/lib/deploys/labels";
import type { DeployView, DeployWithGuidance, RollbackGuidance } from "@/lib/deploys/types";
import type { ErrorBody } from "@/lib/errors";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isStringOrNull = (value: unknown): value is string | null =>
  value === null || typeof value === "string";

export function isDeployView(value: unknown): value is DeployView {
  return (
    isRecord(value) &&
    isString(value.id) &&
    typeof value.number === "number" &&
    isRecord(value.service) &&
    isString(value.label) &&
    deployStatuses.some((status) => status === value.status) &&
    isRecord(value.checklist) &&
    isString(value.startedAt) &&
    isString(value.updatedAt)
  );
}

export function isRollbackGuidance(value: unknown): value is RollbackGuidance {
  return (
    isRecord(value) &&
    isStringOrNull(value.railwayService) &&
    (value.lastGreen === null || isRecord(value.lastGreen)) &&
    Array.isArray(value.steps) &&
    value.steps.every(isString)
  );
}

/** The deploy as it is now, sent with a refused move (409) by updateDeployAction. */
export function conflictCurrent(error: ErrorBody): DeployWithGuidance | null {
  if (error.code !== "conflict") return null;
  const { current, rollback } = error.details ?? {};
  if (!isDeployView(current)) return null;
  return { deploy: current, rollback: isRollbackGuidance(rollback) ? rollback : null };
}
