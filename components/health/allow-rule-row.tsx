"use client";

import { InlineError } from "@/components/ui/inline-error";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { useFormAction } from "@/components/ui/use-form-action";
import { removeAllowRuleAction } from "@/lib/health/actions";
import type { AllowRuleView } from "@/lib/health/types";

export function AllowRuleRow({ rule }: { rule: AllowRuleView }) {
  const remove = useFormAction(removeAllowRuleAction);
  const error = remove.state && !remove.state.ok ? remove.state.error.message : null;
  return (
    <tr data-testid="allow-rule-row" data-rule={rule.rule}>
      <Td>
        <code className="break-all font-mono text-xs">{rule.rule}</code>
      </Td>
      <Td className="break-words">{rule.note || <span className="text-muted">—</span>}</Td>
      <Td>
        <Time iso={rule.createdAt} />
      </Td>
      <Td>
        <form method="post" onSubmit={remove.onSubmit}>
          <input type="hidden" name="ruleId" value={rule.id} />
          <ConfirmButton
            label="Remove"
            question={`Remove ${rule.rule}? Checks of services at these addresses start failing the policy.`}
            variant="danger"
            pending={remove.pending}
            testId="allow-rule-remove"
          />
        </form>
        <InlineError message={error} />
      </Td>
    </tr>
  );
}
