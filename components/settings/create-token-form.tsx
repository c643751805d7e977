"use client";

import { useFormMutation } from "@/components/settings/use-form-mutation";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { OneTimeSecret, useDismissible } from "@/components/ui/one-time-secret";
import { fieldErrors } from "@/components/ui/use-form-action";
import { createApiTokenAction } from "@/lib/tokens/actions";

const fields = ["name", "ownerEmail", "expiresInDays"] as const;

export function CreateTokenForm({ defaultOwnerEmail }: { defaultOwnerEmail: string }) {
  const form = useFormMutation(createApiTokenAction, {
    resetOnSuccess: true,
  });
  const { state, pending } = form;
  const { shown: created, dismiss } = useDismissible(form.mutation.data);
  const nameHint = "What will use it, e.g. deploy-bot.";
  const ownerHint = "The token acts with this user's role.";
  const expiryHint = "Optional, 1 to 3650. Empty means it never expires.";

  return (
    <div className="flex flex-col gap-3">
      {created ? (
        <OneTimeSecret
          title={`Token "${created.token.name}" created for ${created.token.owner.email}:`}
          value={created.secret}
          note="Copy it now: Vigil stores only its hash."
          testId="token-secret"
          onDismiss={dismiss}
        />
      ) : null}
      <MutationForm
        form={form}
        shownFields={fields}
        data-testid="create-token-form"
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1.2fr_1.2fr_10rem_auto] lg:items-start"
      >
        <TextField
          id="token-name"
          label="Name"
          hint={nameHint}
          error={fieldErrors(state, "name")}
          name="name"
          autoComplete="off"
          required
        />
        <TextField
          id="token-owner"
          label="Owner email"
          hint={ownerHint}
          error={fieldErrors(state, "ownerEmail")}
          name="ownerEmail"
          type="email"
          autoComplete="off"
          defaultValue={defaultOwnerEmail}
        />
        <TextField
          id="token-expiry"
          label="Expires in days"
          hint={expiryHint}
          error={fieldErrors(state, "expiresInDays")}
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
        />
        <div className="lg:pt-5">
          <SubmitButton pending={pending} label="Create token" pendingLabel="Creating…" />
        </div>
      </MutationForm>
    </div>
  );
}
