import "server-only";
import { db } from "@/lib/db";
import type { AllowRuleView } from "@/lib/outbound/types";

export async function listAllowRules(): Promise<AllowRuleView[]> {
  const rules = await db.outboundAllowRule.findMany({ orderBy: { createdAt: "asc" } });
  return rules.map((rule) => ({
    id: rule.id,
    rule: rule.rule,
    note: rule.note,
    createdAt: rule.createdAt.toISOString(),
  }));
}
