"use client";

import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { sendContactTestAction } from "@/lib/contacts/actions";

/** Sends a test message now and says how it went (the list shows it too, once the page refreshes). */
export function ContactTestButton({ methodId, name }: { methodId: string; name: string }) {
  const { state, pending, onSubmit } = useFormAction(sendContactTestAction);
  const error = state && !state.ok ? state.error.message : null;
  return (
    <form method="post" onSubmit={onSubmit} className="inline-flex flex-col">
      <input type="hidden" name="methodId" value={methodId} />
      <Button type="submit" size="sm" disabled={pending} data-testid="contact-method-test" aria-label={`Send a test to ${name}`}>
        {pending ? "Sending…" : "Send test"}
      </Button>
      {state?.ok ? (
        <p role="status" className={`mt-1 max-w-64 break-words text-xs ${state.data.lastTestStatus === "delivered" ? "text-muted" : "text-danger"}`} data-testid="contact-method-test-result">
          {state.data.lastTestStatus === "delivered" ? "Test delivered." : `Test failed: ${state.data.lastTestError ?? "unknown error"}`}
        </p>
      ) : null}
      <InlineError message={error} />
    </form>
  );
}
