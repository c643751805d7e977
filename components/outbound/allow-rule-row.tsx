"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { InlineError } from "@/components/ui/inline-error";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { removeAllowRuleAction } from "@/lib/outbound/actions";
import type { AllowRuleView } from "@/lib/outbound/types";

export function AllowRuleRow({ rule }: { rule: AllowRuleView }) {
  const remove = useMutation({ mutationFn: () => runAction(() => removeAllowRuleAction(rule.id)) });
  const error = refusalOf(remove.error)?.message ?? null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    remove.mutate();
  };
  return (
    <tr data-testid="allow-rule-row" data-rule={rule.rule}>
      <Td>
        <code className="font-mono text-xs break-all">{rule.rule}</code>
      </Td>
      <Td className="break-words">{rule.note || <span className="text-muted">—</span>}</Td>
      <Td>
        <Time iso={rule.createdAt} />
      </Td>
      <Td>
        <form method="post" onSubmit={onSubmit}>
          <ConfirmButton
            label="Remove"
            question={`Remove ${rule.rule}? Checks of services at these addresses start failing the policy.`}
            variant="danger"
            pending={remove.isPending}
            testId="allow-rule-remove"
          />
        </form>
        <InlineError message={error} />
      </Td>
    </tr>
  );
}
