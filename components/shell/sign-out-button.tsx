"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

// next-auth's own endpoints, called directly: next-auth/react would add its client to every dashboard page.
async function endSession(): Promise<void> {
  const { csrfToken } = (await fetch("/api/auth/csrf").then((response) => response.json())) as {
    csrfToken: string;
  };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/signin" }),
  });
}

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <Button
      size="sm"
      data-testid="sign-out"
      disabled={pending}
      onClick={() => {
        setPending(true);
        endSession().then(
          () => {
            // Nothing of the previous session may stay in the client cache.
            queryClient.clear();
            router.replace("/signin");
            router.refresh();
          },
          () => setPending(false),
        );
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
