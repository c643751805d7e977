"use client";

import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { fieldErrors } from "@/components/ui/use-form-action";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { addAllowRuleAction } from "@/lib/outbound/actions";

const fields = ["rule", "note"] as const;

export function AllowRuleForm() {
  const form = useFormMutation(addAllowRuleAction, { resetOnSuccess: true });
  const { state, pending } = form;
  return (
    <div className="flex flex-col gap-3">
      <MutationForm
        form={form}
        shownFields={fields}
        saved={(data) => <>Added {data.rule}.</>}
        data-testid="allow-rule-form"
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1.4fr_auto] lg:items-start"
      >
        <TextField
          id="allow-rule"
          label="Rule"
          name="rule"
          error={fieldErrors(state, "rule")}
          hint="An address or CIDR range, optionally with :port or :low-high; IPv6 in [brackets]. e.g. 127.0.0.1:4100-4199, 10.0.0.0/8, [::1]:8080"
          placeholder="10.0.0.0/8"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          id="allow-note"
          label="Note"
          name="note"
          error={fieldErrors(state, "note")}
          hint="Optional: why it is allowed, e.g. the staging simulator."
          autoComplete="off"
        />
        <div className="lg:pt-5">
          <SubmitButton pending={pending} label="Add rule" pendingLabel="Adding…" />
        </div>
      </MutationForm>
    </div>
  );
}
