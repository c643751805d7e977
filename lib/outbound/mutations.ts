import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/data";
import type { Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { conflictError, isUniqueViolation, notFoundError } from "@/lib/errors";
import { parseAllowRule } from "@/lib/outbound/policy";
import { allowRuleInputSchema } from "@/lib/outbound/schema";
import type { AllowRuleInput, AllowRuleView } from "@/lib/outbound/types";
import { parseInput } from "@/lib/validation";

export async function addAllowRule(
  actor: Actor | AuditActor,
  input: AllowRuleInput,
): Promise<AllowRuleView> {
  const parsed = parseInput(allowRuleInputSchema, input);
  const rule = parseAllowRule(parsed.rule);
  try {
    const created = await db.$transaction(async (tx) => {
      const row = await tx.outboundAllowRule.create({
        data: { rule: rule.text, note: parsed.note ?? "" },
      });
      await recordAudit(tx, actor, {
        action: "outbound_allow.add",
        targetType: "outbound_allow_rule",
        targetId: row.id,
        details: { rule: row.rule },
      });
      return row;
    });
    return {
      id: created.id,
      rule: created.rule,
      note: created.note,
      createdAt: created.createdAt.toISOString(),
    };
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflictError("That rule is already on the list.", { rule: ["Already listed."] });
    throw error;
  }
}

export async function removeAllowRule(actor: Actor | AuditActor, ruleId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const rule = await tx.outboundAllowRule.findUnique({ where: { id: ruleId } });
    if (!rule) throw notFoundError("The rule");
    await tx.outboundAllowRule.delete({ where: { id: ruleId } });
    await recordAudit(tx, actor, {
      action: "outbound_allow.remove",
      targetType: "outbound_allow_rule",
      targetId: ruleId,
      details: { rule: rule.rule },
    });
  });
}
