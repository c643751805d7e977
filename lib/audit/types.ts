import type { z } from "zod";
import type { auditFilterSchema } from "@/lib/audit/schema";

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditEntryView = {
  id: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
  createdAt: string;
};
