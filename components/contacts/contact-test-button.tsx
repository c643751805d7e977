"use client";

import { SendTestButton } from "@/components/settings/send-test-button";
import { sendContactTestAction } from "@/lib/contacts/actions";

/** Sends a test message now and says how it went (the list shows it too, once the page refreshes). */
export function ContactTestButton({ methodId, name }: { methodId: string; name: string }) {
  return (
    <SendTestButton
      send={() => sendContactTestAction(methodId)}
      name={name}
      pendingLabel="Sending…"
      testId="contact-method-test"
      result={(tested) => (
        <p
          role="status"
          className={`mt-1 max-w-64 text-xs break-words ${tested.lastTestStatus === "delivered" ? "text-muted" : "text-danger"}`}
          data-testid="contact-method-test-result"
        >
          {tested.lastTestStatus === "delivered"
            ? "Test delivered."
            : `Test failed: ${tested.lastTestError ?? "unknown error"}`}
        </p>
      )}
    />
  );
}
