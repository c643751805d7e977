"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { isRecord, parserOf } from "@/components/health/answer";
import { Button } from "@/components/ui/button";

const parseCsrfAnswer = parserOf(
  "a sign-out token",
  (value): value is { csrfToken: string } => isRecord(value) && typeof value.csrfToken === "string",
);

// next-auth's own endpoints, called directly: next-auth/react would add its client to every dashboard page.
async function endSession(): Promise<void> {
  const { csrfToken } = parseCsrfAnswer(
    await fetch("/api/auth/csrf").then((response) => response.json()),
  );
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/signin" }),
  });
}

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: endSession,
    onSuccess: () => {
      // Nothing of the previous session may stay in the client cache.
      queryClient.clear();
      router.replace("/signin");
      router.refresh();
    },
  });
  // After success the button stays pending while the sign-in page loads.
  const pending = signOut.isPending || signOut.isSuccess;
  return (
    <Button size="sm" data-testid="sign-out" disabled={pending} onClick={() => signOut.mutate()}>
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
