"use client";

import { ContactTestButton } from "@/components/contacts/contact-test-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { InlineError } from "@/components/ui/inline-error";
import { Time } from "@/components/ui/time";
import { useFormAction } from "@/components/ui/use-form-action";
import { deleteContactMethodAction, setContactMethodEnabledAction } from "@/lib/contacts/actions";
import { contactMethodKindLabels } from "@/lib/contacts/labels";
import type { ContactMethodView } from "@/lib/contacts/types";
import type { ActionResult } from "@/lib/errors";

function errorOf<T>(state: ActionResult<T> | null): string | null {
  if (!state || state.ok) return null;
  if (state.error.code === "conflict" && !state.error.fields) return "This method changed since you opened the page. Reload it and try again.";
  const fieldMessages = Object.values(state.error.fields ?? {}).flat();
  return fieldMessages.length > 0 ? fieldMessages.join(" ") : state.error.message;
}

function ContactMethodItem({ method, ownerName }: { method: ContactMethodView; ownerName?: string }) {
  const toggle = useFormAction(setContactMethodEnabledAction);
  const remove = useFormAction(deleteContactMethodAction);
  const name = method.label || contactMethodKindLabels[method.kind];
  const error = errorOf(toggle.state) ?? errorOf(remove.state);
  return (
    <li data-testid="contact-method" data-contact-kind={method.kind} className={`flex flex-col gap-2 py-3 ${method.enabled ? "" : "text-muted"}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{name}</span>
        <Badge tone="neutral">{contactMethodKindLabels[method.kind]}</Badge>
        <Badge tone={method.enabled ? "up" : "neutral"} data-testid="contact-method-enabled">
          {method.enabled ? "enabled" : "disabled"}
        </Badge>
      </div>
      <code className="break-all font-mono text-xs">{method.displayTarget}</code>
      <p className="text-xs text-muted" data-testid="contact-method-last-test">
        {method.lastTestAt ? (
          <>
            Last test {method.lastTestStatus === "delivered" ? "delivered" : "failed"} <Time iso={method.lastTestAt} />
            {method.lastTestError ? `: ${method.lastTestError}` : ""}
          </>
        ) : (
          "Never tested."
        )}
      </p>
      <div className="flex flex-wrap items-start gap-1.5">
        <ContactTestButton methodId={method.id} name={name} />
        <form method="post" onSubmit={toggle.onSubmit}>
          <input type="hidden" name="methodId" value={method.id} />
          <input type="hidden" name="version" value={method.version} />
          <input type="hidden" name="enabled" value={method.enabled ? "false" : "true"} />
          <Button type="submit" size="sm" disabled={toggle.pending} data-testid="contact-method-toggle" aria-label={`${method.enabled ? "Disable" : "Enable"} ${name}`}>
            {toggle.pending ? "Saving…" : method.enabled ? "Disable" : "Enable"}
          </Button>
        </form>
        <form method="post" onSubmit={remove.onSubmit}>
          <input type="hidden" name="methodId" value={method.id} />
          <ConfirmButton label="Delete" question={`Delete the contact method ${name}? Pages stop reaching ${ownerName ?? "you"} through it.`} variant="danger" pending={remove.pending} testId="contact-method-delete" />
        </form>
      </div>
      <InlineError message={error} />
    </li>
  );
}

/** `ownerName`: set when an admin looks at someone else's methods. */
export function ContactMethodsList({ methods, ownerName }: { methods: ContactMethodView[]; ownerName?: string }) {
  if (methods.length === 0) return <EmptyState title="No contact methods yet">Add one below so pages can reach {ownerName ?? "you"}.</EmptyState>;
  return (
    <ul className="divide-y divide-line" data-testid="contact-methods">
      {methods.map((method) => (
        <ContactMethodItem key={method.id} method={method} ownerName={ownerName} />
      ))}
    </ul>
  );
}
