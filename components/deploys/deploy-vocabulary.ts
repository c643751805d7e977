import type { BadgeTone } from "@/components/ui/badge";
import type { DeployChecklistItem, DeployStatus, SmokeResult } from "@/lib/deploys/schema";

/**
 * The deploy domain's words, handed down by the server page: importing them from schema.ts in a
 * client component would put zod into the page's JavaScript.
 */
export type DeployVocabulary = {
  statusLabels: Record<DeployStatus, string>;
  checklistLabels: Record<DeployChecklistItem, string>;
  transitions: Record<DeployStatus, readonly DeployStatus[]>;
};

export const deployStatusTones: Record<DeployStatus, BadgeTone> = { started: "degraded", succeeded: "up", failed: "down", rolled_back: "neutral" };

export const smokeTextClasses: Record<SmokeResult["status"], string> = {
  up: "text-up",
  degraded: "text-degraded",
  down: "font-semibold text-down",
  error: "font-semibold text-down",
  skipped: "text-muted",
};
