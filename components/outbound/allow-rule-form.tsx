"use client";

import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { formFields, useFormMutation } from "@/components/settings/use-form-mutation";
import { addAllowRuleAction } from "@/lib/outbound/actions";
import type { AllowRuleInput } from "@/lib/outbound/types";

const fields = ["rule", "note"] as const;

export function AllowRuleForm() {
  const { state, pending, formRef, onSubmit } = useFormMutation(addAllowRuleAction, {
    toInput: formFields<AllowRuleInput>,
    resetOnSuccess: true,
  });
  const topError = formError(state, fields);
  return (
    <div className="flex flex-col gap-3">
      {state?.ok ? <Alert tone="success">Added {state.data.rule}.</Alert> : null}
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <form
        ref={formRef}
        method="post"
        onSubmit={onSubmit}
        noValidate
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
      </form>
    </div>
  );
}
