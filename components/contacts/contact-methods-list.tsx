"use client";

import { useMutation } from "@tanstack/react-query";
import { ContactTestButton } from "@/components/contacts/contact-test-button";
import { refusalMessage } from "@/components/settings/refusal-message";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { runAction } from "@/components/ui/action-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { InlineError } from "@/components/ui/inline-error";
import { Time } from "@/components/ui/time";
import { deleteContactMethodAction, setContactMethodEnabledAction } from "@/lib/contacts/actions";
import { contactMethodKindLabels } from "@/lib/contacts/labels";
import type { ContactMethodView } from "@/lib/contacts/types";

const conflictMessage = "This method changed since you opened the page. Reload it and try again.";

function ContactMethodItem({
  method,
  ownerName,
}: {
  method: ContactMethodView;
  ownerName?: string;
}) {
  const toggle = useMutation({
    mutationFn: () =>
      runAction(() =>
        setContactMethodEnabledAction(method.id, {
          version: method.version,
          enabled: !method.enabled,
        }),
      ),
  });
  const remove = useMutation({
    mutationFn: () => runAction(() => deleteContactMethodAction(method.id)),
  });
  const name = method.label || contactMethodKindLabels[method.kind];
  const error =
    refusalMessage(toggle.error, conflictMessage) ?? refusalMessage(remove.error, conflictMessage);
  return (
    <li
      data-testid="contact-method"
      data-contact-kind={method.kind}
      className={`flex flex-col gap-2 py-3 ${method.enabled ? "" : "text-muted"}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{name}</span>
        <Badge tone="neutral">{contactMethodKindLabels[method.kind]}</Badge>
        <Badge tone={method.enabled ? "up" : "neutral"} data-testid="contact-method-enabled">
          {method.enabled ? "enabled" : "disabled"}
        </Badge>
      </div>
      <code className="font-mono text-xs break-all">{method.displayTarget}</code>
      <p className="text-xs text-muted" data-testid="contact-method-last-test">
        {method.lastTestAt ? (
          <>
            Last test {method.lastTestStatus === "delivered" ? "delivered" : "failed"}{" "}
            <Time iso={method.lastTestAt} />
            {method.lastTestError ? `: ${method.lastTestError}` : ""}
          </>
        ) : (
          "Never tested."
        )}
      </p>
      <div className="flex flex-wrap items-start gap-1.5">
        <ContactTestButton methodId={method.id} name={name} />
        <form method="post" onSubmit={submitsWith(() => toggle.mutate())}>
          <Button
            type="submit"
            size="sm"
            disabled={toggle.isPending}
            data-testid="contact-method-toggle"
            aria-label={`${method.enabled ? "Disable" : "Enable"} ${name}`}
          >
            {toggle.isPending ? "Saving…" : method.enabled ? "Disable" : "Enable"}
          </Button>
        </form>
        <form method="post" onSubmit={submitsWith(() => remove.mutate())}>
          <ConfirmButton
            label="Delete"
            question={`Delete the contact method ${name}? Pages stop reaching ${ownerName ?? "you"} through it.`}
            variant="danger"
            pending={remove.isPending}
            testId="contact-method-delete"
          />
        </form>
      </div>
      <InlineError message={error} />
    </li>
  );
}

/** `ownerName`: set when an admin looks at someone else's methods. */
export function ContactMethodsList({
  methods,
  ownerName,
}: {
  methods: ContactMethodView[];
  ownerName?: string;
}) {
  if (methods.length === 0)
    return (
      <EmptyState title="No contact methods yet">
        Add one below so pages can reach {ownerName ?? "you"}.
      </EmptyState>
    );
  return (
    <ul className="divide-y divide-line" data-testid="contact-methods">
      {methods.map((method) => (
        <ContactMethodItem key={method.id} method={method} ownerName={ownerName} />
      ))}
    </ul>
  );
}
