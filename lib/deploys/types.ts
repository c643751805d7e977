import type { DeployChecklistItem, DeployStatus, SmokeStatus } from "@/lib/deploys/labels";
import type {
  createDeploySchema,
  deployListFilterSchema,
  updateDeploySchema,
} from "@/lib/deploys/schema";
import type { z } from "zod";

export type CreateDeployInput = z.input<typeof createDeploySchema>;
export type UpdateDeployInput = z.input<typeof updateDeploySchema>;
export type DeployListFilter = z.infer<typeof deployListFilterSchema>;

export type SmokeResult = {
  status: SmokeStatus;
  latencyMs: number | null;
  reason: string;
  at: string;
};

export type DeployView = {
  id: string;
  number: number;
  service: { id: string; name: string; environment: string };
  version: string | null;
  commit: string | null;
  /** The version, else the short commit: how a person names this release. */
  label: string;
  environment: string;
  status: DeployStatus;
  link: string | null;
  deployedBy: string;
  checklist: Record<DeployChecklistItem, boolean | null>;
  notes: string;
  smoke: SmokeResult | null;
  /** "post-deploy smoke: up in 240 ms" */
  smokeSummary: string | null;
  startedAt: string;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Section 10 of the runbook beside a failed deploy: the last green release and the two ways back to it. */
export type RollbackGuidance = {
  railwayService: string | null;
  lastGreen: Pick<DeployView, "id" | "number" | "label" | "commit" | "startedAt" | "link"> | null;
  steps: string[];
};

/** A deploy with the rollback guidance its failure calls for (null unless failed): what the deploy rows show. */
export type DeployWithGuidance = { deploy: DeployView; rollback: RollbackGuidance | null };
