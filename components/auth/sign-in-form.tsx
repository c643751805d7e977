"use client";

import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { genericSignInError, signInErrorMessage } from "@/components/auth/sign-in";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";

export function SignInForm({
  callbackUrl,
  initialError,
  githubEnabled,
}: {
  callbackUrl: string;
  initialError: string | null;
  githubEnabled: boolean;
}) {
  const hydrated = useHydrated();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      // redirect: false so a failure stays on this page with its callbackUrl instead of next-auth's error route.
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        callbackUrl,
        redirect: false,
      });
      if (result?.ok && !result.error) {
        window.location.assign(callbackUrl);
        return;
      }
      const code = result?.error ?? "Default";
      setError(signInErrorMessage(code));
      window.history.replaceState(
        null,
        "",
        `/signin?${new URLSearchParams({ callbackUrl, error: code })}`,
      );
    } catch {
      setError(genericSignInError);
    }
    setPending(false);
    if (passwordRef.current) {
      passwordRef.current.value = "";
      passwordRef.current.focus();
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? (
        <Alert tone="error" data-testid="signin-error">
          {error}
        </Alert>
      ) : null}
      <form method="post" onSubmit={onSubmit} className="flex flex-col gap-3">
        <Field id="signin-email" label="Email">
          <Input
            id="signin-email"
            name="email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            data-testid="signin-email"
          />
        </Field>
        <Field id="signin-password" label="Password">
          <Input
            ref={passwordRef}
            id="signin-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            data-testid="signin-password"
          />
        </Field>
        <Button
          type="submit"
          variant="primary"
          className="mt-1 w-full"
          disabled={!hydrated || pending}
          data-testid="signin-submit"
        >
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {githubEnabled ? (
        <>
          <div className="flex items-center gap-2 text-xs text-muted" aria-hidden="true">
            <span className="h-px flex-1 bg-line" />
            or
            <span className="h-px flex-1 bg-line" />
          </div>
          <Button
            className="w-full"
            disabled={!hydrated || pending}
            data-testid="signin-github"
            onClick={() => {
              setPending(true);
              void signIn("github", { callbackUrl });
            }}
          >
            Sign in with GitHub
          </Button>
        </>
      ) : null}
    </div>
  );
}
