"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { changeOwnPasswordAction } from "@/lib/users/actions";

const fields = ["currentPassword", "newPassword", "confirmPassword"] as const;
const signInAfterChange = "/signin?notice=password-changed";

export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const {
    mutation: change,
    state,
    pending,
    formRef,
    onSubmit,
  } = useFormMutation(changeOwnPasswordAction, {
    resetOnSuccess: true,
  });
  const router = useRouter();
  const done = change.isSuccess;

  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => router.replace(signInAfterChange), 2_000);
    return () => clearTimeout(timer);
  }, [done, router]);

  if (done) {
    return (
      <Alert tone="success" data-testid="password-changed">
        Password changed. Every session of yours has ended, this one too: taking you to sign-in…{" "}
        <Link href={signInAfterChange} replace className="underline">
          Sign in now
        </Link>
      </Alert>
    );
  }

  const topError = formError(state, fields);
  const newHint = `At least ${minLength} characters.`;
  return (
    <form
      ref={formRef}
      method="post"
      onSubmit={onSubmit}
      className="flex max-w-sm flex-col gap-3"
      noValidate
    >
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <TextField
        id="currentPassword"
        label="Current password"
        error={fieldErrors(state, "currentPassword")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
      />
      <TextField
        id="newPassword"
        label="New password"
        hint={newHint}
        error={fieldErrors(state, "newPassword")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
      />
      <TextField
        id="confirmPassword"
        label="Repeat the new password"
        error={fieldErrors(state, "confirmPassword")}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
      />
      <div>
        <SubmitButton pending={pending} label="Change password" pendingLabel="Changing…" />
      </div>
    </form>
  );
}
