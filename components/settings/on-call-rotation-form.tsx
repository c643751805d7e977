"use client";

import { useState } from "react";
import { rotationInputOf } from "@/components/settings/on-call-form-input";
import { StaleChangeAlert } from "@/components/settings/stale-change-alert";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { MutationForm } from "@/components/ui/mutation-form";
import { Button, SubmitButton } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { updateOnCallRotationAction } from "@/lib/handoffs/actions";
import type { OnCallRotationView } from "@/lib/handoffs/types";

type Person = { id: string; name: string; email: string };

/**
 * The ordered rotation: on a day with no handoff covering it, shift n since the start belongs to member n mod length.
 * Saved whole with the schedule version it was opened at.
 */
export function OnCallRotationForm({
  current,
  people,
}: {
  current: OnCallRotationView;
  people: Person[];
}) {
  const [members, setMembers] = useState(current.rotation.map((member) => member.id));
  const [version, setVersion] = useState(current.version);
  const [picked, setPicked] = useState("");
  const { state, pending, formRef, onSubmit } = useFormMutation(updateOnCallRotationAction, {
    toInput: (form) =>
      rotationInputOf(members, String(form.get("rotationStartsAt") ?? ""), version),
    onSuccess: (saved) => {
      setVersion(saved.version);
      setMembers(saved.rotation.map((member) => member.id));
    },
  });

  const nameOf = (id: string) => {
    const person = people.find((candidate) => candidate.id === id);
    if (person) return person.name || person.email;
    const member = current.rotation.find((candidate) => candidate.id === id);
    return member
      ? `${member.name}${member.disabled ? " (disabled: their shifts pass to the next person)" : ""}`
      : "someone no longer in Vigil";
  };
  const addable = people.filter((person) => !members.includes(person.id));
  const move = (index: number, by: number) =>
    setMembers((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item !== undefined) next.splice(index + by, 0, item);
      return next;
    });

  const conflict =
    state !== null && !state.ok && state.error.code === "conflict" ? state.error : null;
  const topError = conflict ? null : formError(state, ["rotation", "rotationStartsAt"]);
  const startValue = current.rotationStartsAt ? current.rotationStartsAt.slice(0, 16) : "";

  return (
    <div className="flex flex-col gap-3">
      {conflict ? (
        <StaleChangeAlert testId="on-call-rotation-conflict" reloadHref="/settings/on-call" retry>
          Not saved: someone changed the on-call schedule since you opened it.
        </StaleChangeAlert>
      ) : null}
      <MutationForm
        form={{ formRef, onSubmit, state }}
        topError={topError}
        savedTestId="on-call-rotation-saved"
        saved={(data) => (
          <>
            Saved:{" "}
            {data.rotation.length === 0
              ? "the rotation is empty"
              : `${data.rotation.length} in the rotation`}
            .
          </>
        )}
        data-testid="on-call-rotation-form"
        className="flex flex-col gap-3"
      >
        <Field
          id="on-call-rotation"
          label="Rotation, in shift order"
          error={fieldErrors(state, "rotation")}
        >
          {members.length === 0 ? (
            <p className="text-sm text-muted" data-testid="on-call-rotation-empty">
              Nobody yet: with no handoff covering now, nobody is on call.
            </p>
          ) : (
            <ol
              className="flex flex-col gap-1"
              data-testid="on-call-rotation-list"
              {...fieldAria("on-call-rotation", fieldErrors(state, "rotation"))}
            >
              {members.map((id, index) => (
                <li
                  key={id}
                  className="flex items-center gap-2 text-sm"
                  data-testid="on-call-rotation-member"
                >
                  <span className="w-6 text-muted">{index + 1}.</span>
                  <span className="flex-1 truncate">{nameOf(id)}</span>
                  <Button
                    type="button"
                    variant="ghost"
                    onClick={() => move(index, -1)}
                    disabled={index === 0}
                    aria-label={`Move ${nameOf(id)} up`}
                  >
                    Up
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    onClick={() => move(index, 1)}
                    disabled={index === members.length - 1}
                    aria-label={`Move ${nameOf(id)} down`}
                  >
                    Down
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    onClick={() => setMembers((list) => list.filter((other) => other !== id))}
                    aria-label={`Remove ${nameOf(id)}`}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ol>
          )}
        </Field>
        <div className="flex flex-wrap items-end gap-3">
          <Field id="on-call-rotation-add" label="Add a person">
            <Select
              id="on-call-rotation-add"
              value={picked}
              onChange={(event) => setPicked(event.currentTarget.value)}
              data-testid="on-call-rotation-add"
            >
              <option value="">Choose…</option>
              {addable.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name || person.email}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            type="button"
            variant="secondary"
            disabled={picked === ""}
            onClick={() => {
              setMembers((list) => (list.includes(picked) ? list : [...list, picked]));
              setPicked("");
            }}
            data-testid="on-call-rotation-add-button"
          >
            Add
          </Button>
          <Field
            id="on-call-rotation-start"
            label="Counting from (UTC)"
            error={fieldErrors(state, "rotationStartsAt")}
          >
            <Input
              id="on-call-rotation-start"
              name="rotationStartsAt"
              type="datetime-local"
              step={60}
              defaultValue={startValue}
              data-testid="on-call-rotation-start"
              {...fieldAria("on-call-rotation-start", fieldErrors(state, "rotationStartsAt"))}
            />
          </Field>
          <SubmitButton pending={pending} label="Save rotation" pendingLabel="Saving…" />
        </div>
      </MutationForm>
    </div>
  );
}
