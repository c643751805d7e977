"use client";

import { useMutation } from "@tanstack/react-query";
import { contactInputOf } from "@/components/settings/on-call-form-input";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { MutationForm } from "@/components/ui/mutation-form";
import { Button, SubmitButton } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { SelectField, TextField } from "@/components/ui/field";
import { InlineError } from "@/components/ui/inline-error";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { fieldErrors } from "@/components/ui/use-form-action";
import {
  createEscalationContactAction,
  deleteEscalationContactAction,
  moveEscalationContactAction,
  updateEscalationContactAction,
} from "@/lib/handoffs/actions";
import type { EscalationContactInput, EscalationContactView } from "@/lib/handoffs/types";

const contactFields = ["name", "contact", "role", "userId"] as const;

type Person = { id: string; name: string; email: string };

/** How a page reaches this contact: through the linked person's contact methods, or not by itself. */
export function reachedByText(contact: EscalationContactView): string {
  if (!contact.user)
    return `Not reachable automatically (${contact.contact}): link a Vigil user so pages reach them.`;
  if (contact.user.disabled)
    return `Not reachable automatically: ${contact.user.name} is disabled.`;
  if (contact.user.enabledMethods === 0)
    return `Linked to ${contact.user.name}, who has no enabled contact method yet: pages cannot reach them.`;
  return `Reached by: ${contact.user.name}'s contact methods (${contact.user.enabledMethods} enabled).`;
}

/** The escalation contacts a handoff picks from, in order: the first one is prefilled on every new handoff. */
export function OnCallContacts({
  contacts,
  people,
}: {
  contacts: EscalationContactView[];
  people: Person[];
}) {
  return (
    <div className="flex flex-col gap-4">
      {contacts.length === 0 ? (
        <p className="text-sm text-muted" data-testid="escalation-contacts-empty">
          No escalation contacts yet. Handoffs then need one typed in each time.
        </p>
      ) : (
        <ol className="flex flex-col gap-3" data-testid="escalation-contacts">
          {contacts.map((contact, index) => (
            <ContactRow
              key={contact.id}
              contact={contact}
              index={index}
              last={index === contacts.length - 1}
              people={people}
            />
          ))}
        </ol>
      )}
      <AddContactForm people={people} />
    </div>
  );
}

function ContactFields({
  idPrefix,
  contact,
  state,
  people,
}: {
  idPrefix: string;
  contact?: EscalationContactView;
  state: Parameters<typeof fieldErrors>[0];
  people: Person[];
}) {
  const linked =
    contact?.user && !people.some((person) => person.id === contact.user?.id) ? contact.user : null;
  const textFieldOf = (field: "name" | "contact" | "role") => ({
    id: `${idPrefix}-${field}`,
    name: field,
    defaultValue: contact?.[field],
    autoComplete: "off",
    error: fieldErrors(state, field),
    "data-testid": `escalation-contact-${field}`,
  });
  return (
    <>
      <TextField
        {...textFieldOf("name")}
        label="Name"
        maxLength={100}
        className="min-w-40 flex-1"
      />
      <TextField
        {...textFieldOf("contact")}
        label="Phone or Slack"
        maxLength={200}
        placeholder="+44 20 7946 0000 or @handle"
        className="min-w-40 flex-1"
      />
      <TextField
        {...textFieldOf("role")}
        label="Role (optional)"
        maxLength={100}
        placeholder="e.g. Engineering manager"
        className="min-w-32 flex-1"
      />
      <SelectField
        id={`${idPrefix}-user`}
        label="Vigil user (optional)"
        error={fieldErrors(state, "userId")}
        className="min-w-40 flex-1"
        name="userId"
        defaultValue={contact?.userId ?? ""}
        data-testid="escalation-contact-user"
      >
        <option value="">Nobody: not paged automatically</option>
        {linked ? <option value={linked.id}>{linked.name}</option> : null}
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name || person.email}
          </option>
        ))}
      </SelectField>
    </>
  );
}

function ContactRow({
  contact,
  index,
  last,
  people,
}: {
  contact: EscalationContactView;
  index: number;
  last: boolean;
  people: Person[];
}) {
  const update = useFormMutation(
    (input: EscalationContactInput) => updateEscalationContactAction(contact.id, input),
    { toInput: contactInputOf },
  );
  const { state: updateState, pending: updating } = update;
  const {
    mutation: removal,
    pending: removing,
    onSubmit: onRemove,
  } = useFormMutation((contactId: string) => deleteEscalationContactAction(contactId), {
    toInput: () => contact.id,
  });
  const move = useMutation({
    mutationFn: (direction: "up" | "down") =>
      runAction(() => moveEscalationContactAction(contact.id, direction)),
  });
  const moving = move.isPending;
  const rowError = refusalOf(move.error) ?? refusalOf(removal.error);

  function moveTo(direction: "up" | "down") {
    move.mutate(direction);
  }

  return (
    <li
      className="flex flex-col gap-2 rounded-md border border-line p-3"
      data-testid="escalation-contact"
      data-name={contact.name}
    >
      <MutationForm
        form={update}
        shownFields={contactFields}
        savedTestId="escalation-contact-saved"
        saved={() => "Saved."}
        className="flex flex-wrap items-end gap-2"
      >
        <span
          className="self-center text-sm font-semibold text-muted tabular-nums"
          aria-label={`Position ${index + 1}`}
        >
          {index + 1}.
        </span>
        <ContactFields
          idPrefix={`escalation-${contact.id}`}
          contact={contact}
          state={updateState}
          people={people}
        />
        <SubmitButton pending={updating} label="Save" pendingLabel="Saving…" />
      </MutationForm>
      <p
        className={`text-xs ${contact.user && !contact.user.disabled && contact.user.enabledMethods > 0 ? "text-muted" : "text-degraded"}`}
        data-testid="escalation-contact-reach"
      >
        {reachedByText(contact)}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          disabled={index === 0 || moving}
          onClick={() => moveTo("up")}
          aria-label={`Move ${contact.name} up`}
          data-testid="escalation-contact-up"
        >
          Move up
        </Button>
        <Button
          size="sm"
          disabled={last || moving}
          onClick={() => moveTo("down")}
          aria-label={`Move ${contact.name} down`}
          data-testid="escalation-contact-down"
        >
          Move down
        </Button>
        <form method="post" onSubmit={onRemove}>
          <ConfirmButton
            label="Remove"
            question={`Remove ${contact.name} from the escalation contacts?`}
            variant="danger"
            pending={removing}
            testId="escalation-contact-remove"
          />
        </form>
      </div>
      <InlineError message={rowError?.message ?? null} />
    </li>
  );
}

function AddContactForm({ people }: { people: Person[] }) {
  const add = useFormMutation(createEscalationContactAction, {
    toInput: contactInputOf,
    resetOnSuccess: true,
  });
  const { state, pending } = add;
  return (
    <section
      className="flex flex-col gap-2 rounded-md border border-dashed border-line p-3"
      aria-labelledby="escalation-add-heading"
    >
      <h3 id="escalation-add-heading" className="text-sm font-semibold">
        Add a contact
      </h3>
      <MutationForm
        form={add}
        shownFields={contactFields}
        savedTestId="escalation-contact-added"
        saved={(data) => <>Added {data.name}.</>}
        className="flex flex-wrap items-end gap-2"
        data-testid="escalation-contact-add"
      >
        <ContactFields idPrefix="escalation-new" state={state} people={people} />
        <SubmitButton pending={pending} label="Add contact" pendingLabel="Adding…" />
      </MutationForm>
    </section>
  );
}
