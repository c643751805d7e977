"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { mutationResult, refusalOf, runAction } from "@/components/ui/action-mutation";
import { StaleChangeAlert } from "@/components/settings/stale-change-alert";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, SubmitButton } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, fieldAria } from "@/components/ui/field";
import { InlineError } from "@/components/ui/inline-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionResult } from "@/lib/errors";
import {
  deleteEscalationPolicyAction,
  saveEscalationPolicyAction,
  setDefaultEscalationPolicyAction,
} from "@/lib/paging/policy-actions";
import { defaultEscalationLevels, maxEscalationLevels, maxPolicyRepeat } from "@/lib/paging/labels";
import type {
  EscalationLevel,
  EscalationPolicyInput,
  EscalationPolicyView,
  EscalationTarget,
  UpdateEscalationPolicyInput,
} from "@/lib/paging/types";

type Person = { id: string; name: string; email: string };
type LevelDraft = {
  key: number;
  delayMinutes: string;
  onCall: boolean;
  contacts: boolean;
  leads: boolean;
  userIds: string[];
};

let nextKey = 1;

function draftOf(level: EscalationLevel): LevelDraft {
  return {
    key: nextKey++,
    delayMinutes: String(level.delayMinutes),
    onCall: level.targets.some((target) => target.kind === "on_call"),
    contacts: level.targets.some((target) => target.kind === "escalation_contacts"),
    leads: level.targets.some((target) => target.kind === "leads"),
    userIds: level.targets.flatMap((target) => (target.kind === "user" ? [target.userId] : [])),
  };
}

/** The order targets are sent in; `levels.<i>.targets.<j>` errors are read back with the same order. */
function targetsOf(level: LevelDraft): EscalationTarget[] {
  return [
    ...(level.onCall ? [{ kind: "on_call" as const }] : []),
    ...(level.contacts ? [{ kind: "escalation_contacts" as const }] : []),
    ...(level.leads ? [{ kind: "leads" as const }] : []),
    ...level.userIds.map((userId) => ({ kind: "user" as const, userId })),
  ];
}

function messagesUnder<T>(state: ActionResult<T> | null, prefix: string): string[] {
  if (!state || state.ok || !state.error.fields) return [];
  return Object.entries(state.error.fields)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .flatMap(([, messages]) => messages);
}

function fieldOf<T>(state: ActionResult<T> | null, field: string): string[] | undefined {
  if (!state || state.ok) return undefined;
  return state.error.fields?.[field];
}

function personName(people: Person[], id: string): string {
  const person = people.find((candidate) => candidate.id === id);
  return person ? person.name || person.email : "someone no longer active in Vigil";
}

/**
 * One policy's editor: levels in order, each with its delay and targets, moved, added and removed here and saved
 * whole on the version it was opened at. `policy` null: a new policy; `policy.id` null: the built-in default,
 * which saving stores as the default.
 */
export function EscalationPolicyForm({
  policy,
  people,
  testId,
}: {
  policy: EscalationPolicyView | null;
  people: Person[];
  testId: string;
}) {
  const initialLevels = policy?.levels ?? defaultEscalationLevels;
  const [name, setName] = useState(policy?.name ?? "");
  const [repeat, setRepeat] = useState(String(policy?.repeat ?? 0));
  const [makeDefault, setMakeDefault] = useState(false);
  const [levels, setLevels] = useState<LevelDraft[]>(() => initialLevels.map(draftOf));
  const [version, setVersion] = useState(policy?.version ?? 0);
  const save = useMutation({
    mutationFn: (body: EscalationPolicyInput | UpdateEscalationPolicyInput) =>
      runAction(() => saveEscalationPolicyAction(policy?.id ?? null, body)),
    onSuccess: (saved) => {
      setVersion(saved.version);
      if (!policy) {
        setName("");
        setRepeat("0");
        setMakeDefault(false);
        setLevels(defaultEscalationLevels.map(draftOf));
      }
    },
  });
  const state = mutationResult(save);
  const pending = save.isPending;

  const idPrefix = `policy-${testId}`;
  const update = (index: number, change: Partial<LevelDraft>) =>
    setLevels((list) => list.map((level, at) => (at === index ? { ...level, ...change } : level)));
  const move = (index: number, by: number) =>
    setLevels((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const stored = policy?.id ?? null;
    save.mutate({
      name,
      repeat,
      levels: levels.map((level) => ({
        delayMinutes: level.delayMinutes,
        targets: targetsOf(level),
      })),
      ...(stored ? { version } : { isDefault: policy !== null || makeDefault }),
    });
  }

  const conflict =
    state !== null && !state.ok && state.error.code === "conflict" && !state.error.fields
      ? state.error
      : null;
  const shown = ["name", "repeat"];
  const topMessages =
    state && !state.ok && !conflict
      ? state.error.fields
        ? Object.entries(state.error.fields)
            .filter(([field]) => !shown.includes(field) && !/^levels\.\d+/.test(field))
            .flatMap(([, messages]) => messages)
        : [state.error.message]
      : [];

  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-3"
      data-testid={`${testId}-form`}
    >
      {conflict ? (
        <StaleChangeAlert testId="escalation-policy-conflict" reloadHref="/settings/on-call" retry>
          Not saved: someone changed this policy since you opened it.
        </StaleChangeAlert>
      ) : null}
      {topMessages.length > 0 ? <Alert tone="error">{topMessages.join(" ")}</Alert> : null}
      {state?.ok ? (
        <Alert tone="success" data-testid="escalation-policy-saved">
          Saved {state.data.name}: {state.data.levels.length}{" "}
          {state.data.levels.length === 1 ? "level" : "levels"}
          {state.data.repeat > 0
            ? `, repeated ${state.data.repeat} ${state.data.repeat === 1 ? "time" : "times"}`
            : ""}
          .
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <Field
          id={`${idPrefix}-name`}
          label="Name"
          error={fieldOf(state, "name")}
          className="min-w-48 flex-1"
        >
          <Input
            id={`${idPrefix}-name`}
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.currentTarget.value)}
            autoComplete="off"
            data-testid="escalation-policy-name"
            {...fieldAria(`${idPrefix}-name`, fieldOf(state, "name"))}
          />
        </Field>
        <Field
          id={`${idPrefix}-repeat`}
          label="Repeat the levels (times)"
          error={fieldOf(state, "repeat")}
          hint="After the last level, start again at level 1."
        >
          <Input
            id={`${idPrefix}-repeat`}
            type="number"
            min={0}
            max={maxPolicyRepeat}
            value={repeat}
            onChange={(event) => setRepeat(event.currentTarget.value)}
            className="w-24"
            data-testid="escalation-policy-repeat"
            {...fieldAria(`${idPrefix}-repeat`, fieldOf(state, "repeat"), "hint")}
          />
        </Field>
      </div>
      <ol className="flex flex-col gap-2" data-testid="escalation-levels">
        {levels.map((level, index) => (
          <LevelEditor
            key={level.key}
            level={level}
            index={index}
            count={levels.length}
            idPrefix={`${idPrefix}-level-${index}`}
            people={people}
            delayError={fieldOf(state, `levels.${index}.delayMinutes`)}
            targetErrors={messagesUnder(state, `levels.${index}`).filter(
              (message) =>
                !(fieldOf(state, `levels.${index}.delayMinutes`) ?? []).includes(message),
            )}
            onChange={(change) => update(index, change)}
            onMove={(by) => move(index, by)}
            onRemove={() => setLevels((list) => list.filter((_, at) => at !== index))}
          />
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={levels.length >= maxEscalationLevels}
          onClick={() =>
            setLevels((list) => [
              ...list,
              {
                key: nextKey++,
                delayMinutes: "5",
                onCall: false,
                contacts: false,
                leads: false,
                userIds: [],
              },
            ])
          }
          data-testid="escalation-level-add"
        >
          Add a level
        </Button>
        {policy === null ? (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={makeDefault}
              onChange={(event) => setMakeDefault(event.currentTarget.checked)}
              className="size-4 accent-[var(--accent)]"
            />
            Make it the default policy
          </label>
        ) : null}
        <SubmitButton
          pending={pending}
          label={policy === null ? "Create policy" : "Save policy"}
          pendingLabel="Saving…"
        />
      </div>
    </form>
  );
}

function LevelEditor({
  level,
  index,
  count,
  idPrefix,
  people,
  delayError,
  targetErrors,
  onChange,
  onMove,
  onRemove,
}: {
  level: LevelDraft;
  index: number;
  count: number;
  idPrefix: string;
  people: Person[];
  delayError?: string[];
  targetErrors: string[];
  onChange: (change: Partial<LevelDraft>) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const [picked, setPicked] = useState("");
  const addable = people.filter((person) => !level.userIds.includes(person.id));
  const checkbox = (field: "onCall" | "contacts" | "leads", label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        checked={level[field]}
        onChange={(event) => onChange({ [field]: event.currentTarget.checked })}
        className="size-4 accent-[var(--accent)]"
        data-testid={`escalation-level-${field}`}
      />
      {label}
    </label>
  );
  return (
    <li
      className="flex flex-col gap-2 rounded-md border border-line p-3"
      data-testid="escalation-level"
    >
      <div className="flex flex-wrap items-end gap-3">
        <span className="self-center text-sm font-semibold">Level {index + 1}</span>
        <Field
          id={`${idPrefix}-delay`}
          label={
            index === 0
              ? "Minutes after the page opens"
              : "Minutes after the previous level, unacknowledged"
          }
          error={delayError}
        >
          <Input
            id={`${idPrefix}-delay`}
            type="number"
            min={0}
            value={level.delayMinutes}
            onChange={(event) => onChange({ delayMinutes: event.currentTarget.value })}
            className="w-24"
            data-testid="escalation-level-delay"
            {...fieldAria(`${idPrefix}-delay`, delayError)}
          />
        </Field>
        <div className="ml-auto flex gap-1">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move level ${index + 1} up`}
          >
            Up
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move level ${index + 1} down`}
          >
            Down
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            disabled={count === 1}
            onClick={onRemove}
            aria-label={`Remove level ${index + 1}`}
            data-testid="escalation-level-remove"
          >
            Remove
          </Button>
        </div>
      </div>
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={targetErrors.length > 0 ? `${idPrefix}-targets-error` : undefined}
      >
        <legend className="text-xs font-medium">Who is notified</legend>
        <div className="flex flex-wrap gap-4">
          {checkbox("onCall", "On call now")}
          {checkbox("contacts", "The escalation contacts")}
          {checkbox("leads", "Every lead")}
        </div>
        {level.userIds.length > 0 ? (
          <ul className="flex flex-col gap-1" data-testid="escalation-level-people">
            {level.userIds.map((id) => (
              <li key={id} className="flex items-center gap-2 text-sm">
                <span className="flex-1 truncate">{personName(people, id)}</span>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() =>
                    onChange({ userIds: level.userIds.filter((other) => other !== id) })
                  }
                  aria-label={`Remove ${personName(people, id)} from level ${index + 1}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="flex flex-wrap items-end gap-2">
          <label htmlFor={`${idPrefix}-person`} className="sr-only">
            Add a person to level {index + 1}
          </label>
          <Select
            id={`${idPrefix}-person`}
            value={picked}
            onChange={(event) => setPicked(event.currentTarget.value)}
            className="w-56"
            data-testid="escalation-level-person"
          >
            <option value="">Add a person…</option>
            {addable.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name || person.email}
              </option>
            ))}
          </Select>
          <Button
            type="button"
            size="sm"
            disabled={picked === ""}
            onClick={() => {
              onChange({ userIds: [...level.userIds, picked] });
              setPicked("");
            }}
            data-testid="escalation-level-person-add"
          >
            Add person
          </Button>
        </div>
        {targetErrors.length > 0 ? (
          <p
            id={`${idPrefix}-targets-error`}
            className="text-xs font-medium text-danger"
            data-testid="escalation-level-error"
          >
            {targetErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>
    </li>
  );
}

function PolicyActions({ policy }: { policy: EscalationPolicyView }) {
  const policyId = policy.id;
  const makeDefault = useMutation({
    mutationFn: (id: string) => runAction(() => setDefaultEscalationPolicyAction(id)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => runAction(() => deleteEscalationPolicyAction(id)),
  });
  if (!policyId) return null;
  const error = refusalOf(makeDefault.error)?.message ?? refusalOf(remove.error)?.message ?? null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!policy.isDefault ? (
        <>
          <form method="post" onSubmit={submitsWith(() => makeDefault.mutate(policyId))}>
            <Button
              type="submit"
              size="sm"
              disabled={makeDefault.isPending}
              data-testid="escalation-policy-make-default"
            >
              {makeDefault.isPending ? "Saving…" : "Make default"}
            </Button>
          </form>
          <form method="post" onSubmit={submitsWith(() => remove.mutate(policyId))}>
            <ConfirmButton
              label="Delete"
              question={`Delete the escalation policy ${policy.name}? ${policy.services.length > 0 ? "Its services follow the default policy again." : ""}`}
              variant="danger"
              pending={remove.isPending}
              testId="escalation-policy-delete"
            />
          </form>
        </>
      ) : null}
      <InlineError message={error} />
    </div>
  );
}

function servicesLine(policy: EscalationPolicyView): string {
  if (policy.services.length === 0)
    return policy.isDefault ? "No service follows it yet." : "No service names it yet.";
  return `Followed by ${policy.services.map((service) => `${service.name}${service.environment === "production" ? "" : ` (${service.environment})`}`).join(", ")}.`;
}

/** Every policy with its editor, the default first; then a form for another one. */
export function EscalationPolicies({
  policies,
  people,
}: {
  policies: EscalationPolicyView[];
  people: Person[];
}) {
  return (
    <div className="flex flex-col gap-4">
      <ul className="flex flex-col gap-3" data-testid="escalation-policies">
        {policies.map((policy) => (
          <li
            key={policy.id ?? "built-in"}
            className="flex flex-col gap-2 rounded-md border border-line p-3"
            data-testid="escalation-policy"
            data-name={policy.name}
          >
            <details open={policy.isDefault} className="flex flex-col gap-2">
              <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                <span className="font-medium">{policy.name}</span>
                {policy.isDefault ? (
                  <Badge tone="accent" data-testid="escalation-policy-default">
                    default
                  </Badge>
                ) : null}
                {policy.id === null ? (
                  <Badge tone="neutral">built in: save to store it</Badge>
                ) : (
                  <span className="text-xs text-muted">version {policy.version}</span>
                )}
                <span className="text-xs text-muted" data-testid="escalation-policy-services">
                  {servicesLine(policy)}
                </span>
              </summary>
              <div className="mt-3 flex flex-col gap-3">
                <EscalationPolicyForm
                  policy={policy}
                  people={people}
                  testId={`escalation-policy-${policy.id ?? "built-in"}`}
                />
                <PolicyActions policy={policy} />
              </div>
            </details>
          </li>
        ))}
      </ul>
      <details
        className="rounded-md border border-dashed border-line p-3"
        data-testid="escalation-policy-new"
      >
        <summary className="cursor-pointer text-sm font-semibold">Create another policy</summary>
        <div className="mt-3">
          <EscalationPolicyForm policy={null} people={people} testId="escalation-policy-new" />
        </div>
      </details>
    </div>
  );
}
