"use client";

import { useFormMutation } from "@/components/settings/use-form-mutation";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { LabelledOptions } from "@/components/ui/select";
import { fieldErrors } from "@/components/ui/use-form-action";
import { createContactMethodAction } from "@/lib/contacts/actions";
import {
  contactLabelMaxLength,
  contactMethodKindLabels,
  contactMethodKinds,
} from "@/lib/contacts/labels";
import type { CreateContactMethodInput } from "@/lib/contacts/types";

const shownFields = ["kind", "label", "target", "enabled"];

/**
 * Adds a contact method for the signed-in person, or for `userId` when an admin manages someone else's; the target
 * is a secret and never comes back to the browser in full.
 */
export function ContactMethodForm({
  userId,
  ownerName,
}: { userId?: string; ownerName?: string } = {}) {
  const form = useFormMutation(
    (input: CreateContactMethodInput) => createContactMethodAction(input, userId),
    {
      toInput: (form) => ({
        kind: String(form.get("kind") ?? "") as CreateContactMethodInput["kind"],
        label: String(form.get("label") ?? ""),
        target: String(form.get("target") ?? ""),
        enabled: form.get("enabled") !== null,
      }),
      resetOnSuccess: true,
    },
  );
  const { state, pending } = form;
  return (
    <div className="flex flex-col gap-3">
      <MutationForm
        form={form}
        shownFields={shownFields}
        savedTestId="contact-method-added"
        saved={(data) => (
          <>
            Added {contactMethodKindLabels[data.kind]} {data.displayTarget}. Send a test to check it
            reaches {ownerName ?? "you"}.
          </>
        )}
        data-testid="contact-method-form"
        className="grid gap-3 sm:grid-cols-2"
      >
        <SelectField
          id="contact-kind"
          label="Kind"
          error={fieldErrors(state, "kind")}
          name="kind"
          defaultValue="email"
        >
          <LabelledOptions values={contactMethodKinds} labels={contactMethodKindLabels} />
        </SelectField>
        <TextField
          id="contact-label"
          label="Label (optional)"
          name="label"
          maxLength={contactLabelMaxLength}
          error={fieldErrors(state, "label")}
          hint="e.g. Work phone (ntfy)."
          autoComplete="off"
        />
        <TextField
          id="contact-target"
          label="Address or URL"
          name="target"
          error={fieldErrors(state, "target")}
          hint="An email address, or the http(s) URL of the Slack incoming webhook, ntfy topic or webhook. Private and loopback addresses need an outbound allow rule."
          autoComplete="off"
          spellCheck={false}
          data-1p-ignore
          className="sm:col-span-2"
          required
        />
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input
            type="checkbox"
            name="enabled"
            value="true"
            defaultChecked
            className="size-4 accent-[var(--accent)]"
          />
          Enabled
        </label>
        <div>
          <SubmitButton pending={pending} label="Add contact method" pendingLabel="Adding…" />
        </div>
      </MutationForm>
    </div>
  );
}
