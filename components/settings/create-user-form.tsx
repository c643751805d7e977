"use client";

import { useFormMutation } from "@/components/settings/use-form-mutation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { OneTimeSecret, useDismissible } from "@/components/ui/one-time-secret";
import { fieldErrors } from "@/components/ui/use-form-action";
import { roles } from "@/lib/auth/roles";
import { createUserAction } from "@/lib/users/actions";

const fields = ["email", "name", "role", "password"] as const;

export function CreateUserForm({ minPasswordLength }: { minPasswordLength: number }) {
  const form = useFormMutation(createUserAction, {
    resetOnSuccess: true,
  });
  const { state, pending } = form;
  const { shown: created, dismiss } = useDismissible(form.mutation.data);
  const passwordHint = `Optional. At least ${minPasswordLength} characters; leave empty to generate one.`;

  return (
    <div className="flex flex-col gap-3">
      {created?.generatedPassword ? (
        <OneTimeSecret
          title={`Added ${created.user.email}. Their password:`}
          value={created.generatedPassword}
          note="Shown only this once. Send it over a private channel; they can change it under Settings, Account."
          testId="generated-password"
          onDismiss={dismiss}
        />
      ) : created ? (
        <Alert tone="success">Added {created.user.email} with the password you set.</Alert>
      ) : null}
      <MutationForm
        form={form}
        shownFields={fields}
        data-testid="create-user-form"
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1.3fr_1fr_8rem_1.2fr_auto] lg:items-start"
      >
        <TextField
          id="new-user-email"
          label="Email"
          error={fieldErrors(state, "email")}
          name="email"
          type="email"
          autoComplete="off"
          required
        />
        <TextField
          id="new-user-name"
          label="Name"
          error={fieldErrors(state, "name")}
          name="name"
          autoComplete="off"
          required
        />
        <SelectField
          id="new-user-role"
          label="Role"
          error={fieldErrors(state, "role")}
          name="role"
          defaultValue="viewer"
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </SelectField>
        <TextField
          id="new-user-password"
          label="Password"
          hint={passwordHint}
          error={fieldErrors(state, "password")}
          name="password"
          type="password"
          autoComplete="new-password"
        />
        <div className="lg:pt-5">
          <SubmitButton pending={pending} label="Add user" pendingLabel="Adding…" />
        </div>
      </MutationForm>
    </div>
  );
}
