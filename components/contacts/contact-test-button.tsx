"use client";

import { useMutation } from "@tanstack/react-query";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { sendContactTestAction } from "@/lib/contacts/actions";

/** Sends a test message now and says how it went (the list shows it too, once the page refreshes). */
export function ContactTestButton({ methodId, name }: { methodId: string; name: string }) {
  const test = useMutation({ mutationFn: () => runAction(() => sendContactTestAction(methodId)) });
  const tested = test.isSuccess ? test.data : null;
  return (
    <form
      method="post"
      onSubmit={submitsWith(() => test.mutate())}
      className="inline-flex flex-col"
    >
      <Button
        type="submit"
        size="sm"
        disabled={test.isPending}
        data-testid="contact-method-test"
        aria-label={`Send a test to ${name}`}
      >
        {test.isPending ? "Sending…" : "Send test"}
      </Button>
      {tested ? (
        <p
          role="status"
          className={`mt-1 max-w-64 text-xs break-words ${tested.lastTestStatus === "delivered" ? "text-muted" : "text-danger"}`}
          data-testid="contact-method-test-result"
        >
          {tested.lastTestStatus === "delivered"
            ? "Test delivered."
            : `Test failed: ${tested.lastTestError ?? "unknown error"}`}
        </p>
      ) : null}
      <InlineError message={refusalOf(test.error)?.message ?? null} />
    </form>
  );
}
