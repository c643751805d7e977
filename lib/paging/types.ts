import type { z } from "zod";
import type { PageState } from "@/lib/paging/labels";
import type {
  declareFromPageSchema,
  escalationLevelSchema,
  escalationPolicyInputSchema,
  escalationTargetSchema,
  listPagesQuerySchema,
  updateEscalationPolicySchema,
} from "@/lib/paging/schema";

export type { AckVia, PageListState, PageState } from "@/lib/paging/labels";

export type EscalationTarget = z.infer<typeof escalationTargetSchema>;
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;
export type EscalationPolicyInput = z.input<typeof escalationPolicyInputSchema>;
export type DeclareFromPageInput = z.input<typeof declareFromPageSchema>;
export type ListPagesQuery = z.input<typeof listPagesQuerySchema>;
export type UpdateEscalationPolicyInput = z.input<typeof updateEscalationPolicySchema>;

export type ResolvedPolicy = {
  id: string | null;
  name: string;
  levels: EscalationLevel[];
  repeat: number;
};

export type PolicyServiceRef = { id: string; name: string; environment: string; explicit: boolean };

export type EscalationPolicyView = {
  /** null: the built-in default, not stored yet (saving it stores it as the default). */
  id: string | null;
  name: string;
  isDefault: boolean;
  levels: EscalationLevel[];
  repeat: number;
  /** 0 for the built-in default. */
  version: number;
  /** Services whose pages follow it: those naming it, and for the default those naming no policy. */
  services: PolicyServiceRef[];
  updatedAt: string | null;
};

export type PageNotificationView = {
  id: string;
  step: string;
  /** From "level:<n>:<round>"; null for "recovered" and other steps. */
  level: number | null;
  round: number | null;
  userId: string | null;
  recipient: string;
  channel: string;
  target: string;
  status: "pending" | "delivered" | "failed";
  error: string | null;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
};

export type PageView = {
  id: string;
  number: number;
  kind: "service" | "monitor";
  level: "page" | "warning";
  state: PageState;
  title: string;
  reason: string;
  serviceId: string | null;
  serviceName: string | null;
  escalationLevel: number;
  round: number;
  nextEscalationAt: string | null;
  triggeredAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string } | null;
  acknowledgedVia: string | null;
  /** Seconds from triggered to acknowledged. */
  timeToAcknowledgeSeconds: number | null;
  resolvedAt: string | null;
  resolvedReason: string | null;
  unreachableAt: string | null;
  unreachableReason: string | null;
  incident: { id: string; number: number; title: string } | null;
  version: number;
  notifications: PageNotificationView[];
};
