"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { severityTones } from "@/components/incidents/incident-tones";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, fieldAria, TextField } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { RowErrors } from "@/components/ui/row-errors";
import { LabelledOptions, Select } from "@/components/ui/select";
import { Table, TableHead, Td } from "@/components/ui/table";
import {
  callWrite,
  currentItemOf,
  errorBodyOf,
  isOneOf,
  resultData,
} from "@/components/postmortems/write-results";
import { type ErrorBody, errorSummary, unshownErrorSummary } from "@/lib/errors";
import { severityLabels } from "@/lib/incidents/labels";
import type { PersonRef } from "@/lib/incidents/types";
import { createActionItemAction, updateActionItemAction } from "@/lib/postmortems/actions";
import {
  actionItemStatuses,
  actionItemStatusLabels,
  openActionItemStatuses,
} from "@/lib/postmortems/labels";
import type {
  ActionItemListItem,
  ActionItemStatus,
  ActionItemView,
  CreateActionItemInput,
} from "@/lib/postmortems/types";

const staleItemMessage =
  "Someone changed this item: reloaded. Check it and make your change again.";

const statusTones: Record<ActionItemStatus, BadgeTone> = {
  open: "neutral",
  in_progress: "accent",
  done: "up",
  wont_do: "neutral",
};

function ActionItemStatusBadge({ status }: { status: ActionItemStatus }) {
  return (
    <Badge tone={statusTones[status]} data-testid="action-item-status">
      {actionItemStatusLabels[status]}
    </Badge>
  );
}

/** Only http(s) links are links; anything else stored is shown as text and never becomes an href. */
function IssueLink({ url }: { url: string | null }) {
  if (!url) return <span className="text-muted">—</span>;
  const safe = URL.canParse(url) && ["http:", "https:"].includes(new URL(url).protocol);
  if (!safe) return <span className="break-all">{url}</span>;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="break-all text-accent underline underline-offset-2"
      data-testid="action-item-issue"
    >
      {url.replace(/^https?:\/\//, "")}
    </a>
  );
}

function ItemDue({ item }: { item: ActionItemView }) {
  if (!item.dueDate) return <span className="text-muted">no date</span>;
  return (
    <span
      className={`whitespace-nowrap tabular-nums ${item.overdue ? "font-semibold text-danger" : ""}`}
      data-testid="action-item-due"
    >
      {item.dueDate}
      {item.overdue ? (
        <Badge tone="down" className="ml-1.5" data-testid="action-item-overdue">
          Overdue
        </Badge>
      ) : null}
    </span>
  );
}

function StatusControl({
  item,
  onChange,
}: {
  item: ActionItemView;
  onChange: (item: ActionItemView, message: string | null) => void;
}) {
  const [status, setStatus] = useState<ActionItemStatus>(item.status);
  const save = useMutation({
    mutationFn: async (next: ActionItemStatus) =>
      resultData(
        await callWrite(() =>
          updateActionItemAction(item.postmortemId, item.id, {
            version: item.version,
            status: next,
          }),
        ),
      ),
    onSuccess: (saved) => onChange(saved, null),
    onError: (error) => {
      const refusal = errorBodyOf(error);
      const current = refusal && currentItemOf(refusal);
      if (current) {
        setStatus(current.status);
        onChange(current, staleItemMessage);
      } else onChange(item, refusal ? errorSummary(refusal) : null);
    },
  });
  const selectId = `action-item-status-${item.id}`;
  return (
    <form
      method="post"
      className="flex items-center gap-1.5"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(status);
      }}
    >
      <label htmlFor={selectId} className="sr-only">
        Status of {item.title}
      </label>
      <Select
        id={selectId}
        value={status}
        onChange={(event) => {
          if (isOneOf(actionItemStatuses, event.target.value)) setStatus(event.target.value);
        }}
        className="h-7 w-32 shrink-0 text-xs"
        data-testid="action-item-status-select"
      >
        <LabelledOptions values={actionItemStatuses} labels={actionItemStatusLabels} />
      </Select>
      <Button
        type="submit"
        size="sm"
        disabled={save.isPending || status === item.status}
        data-testid="action-item-status-save"
      >
        {save.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}

const columnCount = 6;

function ActionItemRow({ initial, canWrite }: { initial: ActionItemListItem; canWrite: boolean }) {
  const [item, setItem] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <tr
        data-testid="action-item-row"
        data-item-id={item.id}
        data-overdue={item.overdue ? "true" : undefined}
        className={item.overdue ? "bg-down-bg/40" : undefined}
      >
        <Td
          className={`font-medium break-words ${item.overdue ? "shadow-[inset_4px_0_0_var(--danger)]" : ""}`}
          data-testid="action-item-title"
        >
          {item.title}
        </Td>
        <Td>
          <Link href={`/postmortems/${item.postmortem.id}`} className="text-accent hover:underline">
            <span className="font-mono">INC-{item.incident.number}</span> {item.incident.title}
          </Link>
          <Badge
            tone={severityTones[item.incident.severity]}
            className="ml-1.5"
            data-testid="incident-severity"
          >
            {severityLabels[item.incident.severity]}
          </Badge>
        </Td>
        <Td>{item.owner ? item.owner.name : <span className="text-muted">unassigned</span>}</Td>
        <Td>
          <ItemDue item={item} />
        </Td>
        <Td>
          {canWrite ? (
            <StatusControl
              key={item.version}
              item={item}
              onChange={(next, note) => {
                setItem((previous) => ({ ...previous, ...next }));
                setMessage(note);
              }}
            />
          ) : (
            <ActionItemStatusBadge status={item.status} />
          )}
        </Td>
        <Td className="max-w-64">
          <IssueLink url={item.issueUrl} />
        </Td>
      </tr>
      <RowErrors errors={message ? [message] : []} colSpan={columnCount} />
    </>
  );
}

/** Follow-ups promised across every postmortem, overdue first; responders move them along from here. */
export function ActionItemTable({
  items,
  canWrite,
}: {
  items: ActionItemListItem[];
  canWrite: boolean;
}) {
  return (
    <Table data-testid="action-item-list">
      <TableHead columns={["Action item", "Postmortem", "Owner", "Due", "Status", "Issue"]} />
      <tbody>
        {items.map((item) => (
          // A newer version from the server (after a save elsewhere) replaces the row's local state.
          <ActionItemRow key={`${item.id}:${item.version}`} initial={item} canWrite={canWrite} />
        ))}
      </tbody>
    </Table>
  );
}

const itemFields = ["title", "ownerId", "dueDate", "issueUrl", "status"] as const;

/** The item fields of an add or edit form; a blank optional field is sent as null. */
function itemInputOf(form: HTMLFormElement): CreateActionItemInput {
  const data = new FormData(form);
  const text = (field: (typeof itemFields)[number]) => {
    const value = data.get(field);
    return typeof value === "string" ? value : "";
  };
  const status = text("status");
  return {
    title: text("title"),
    ownerId: text("ownerId") || null,
    dueDate: text("dueDate") || null,
    issueUrl: text("issueUrl") || null,
    status: isOneOf(actionItemStatuses, status) ? status : undefined,
  };
}

/** Field errors shown under their fields; whatever is left (a lost connection, a 404) goes above the form. */
function topMessage(error: ErrorBody | null): string | null {
  if (!error) return null;
  return unshownErrorSummary(error, itemFields);
}

/** Title, owner, due date, issue link and status: the same fields to add an item and to edit one. */
function ItemFields({
  idPrefix,
  item,
  people,
  error,
}: {
  idPrefix: string;
  item?: ActionItemView;
  people: PersonRef[];
  error: ErrorBody | null;
}) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const errors = (field: string) => error?.fields?.[field];
  // An owner who can no longer be chosen (disabled, demoted) stays selectable on their own item.
  const owners =
    item?.owner && !people.some((person) => person.id === item.owner?.id)
      ? [...people, item.owner]
      : people;
  return (
    <>
      <TextField
        id={id("title")}
        label="What will be done"
        name="title"
        defaultValue={item?.title}
        error={errors("title")}
        maxLength={300}
        autoComplete="off"
        className="sm:col-span-2"
        data-testid="action-item-title-input"
        required
      />
      <Field id={id("owner")} label="Owner" error={errors("ownerId")}>
        <Select
          id={id("owner")}
          name="ownerId"
          defaultValue={item?.owner?.id ?? ""}
          data-testid="action-item-owner"
          {...fieldAria(id("owner"), errors("ownerId"))}
        >
          <option value="">Unassigned</option>
          {owners.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({person.email})
            </option>
          ))}
        </Select>
      </Field>
      <TextField
        id={id("due")}
        label="Due date"
        name="dueDate"
        type="date"
        defaultValue={item?.dueDate ?? ""}
        error={errors("dueDate")}
        data-testid="action-item-due-input"
      />
      <TextField
        id={id("issue")}
        label="Issue link"
        name="issueUrl"
        type="url"
        inputMode="url"
        placeholder="https://github.com/org/repo/issues/123"
        defaultValue={item?.issueUrl ?? ""}
        error={errors("issueUrl")}
        autoComplete="off"
        spellCheck={false}
        data-testid="action-item-issue-input"
      />
      <Field id={id("status")} label="Status" error={errors("status")}>
        <Select
          id={id("status")}
          name="status"
          defaultValue={item?.status ?? "open"}
          data-testid="action-item-status-input"
          {...fieldAria(id("status"), errors("status"))}
        >
          <LabelledOptions values={actionItemStatuses} labels={actionItemStatusLabels} />
        </Select>
      </Field>
    </>
  );
}

function ItemRow({
  postmortemId,
  item,
  people,
  canWrite,
  onItem,
}: {
  postmortemId: string;
  item: ActionItemView;
  people: PersonRef[];
  canWrite: boolean;
  onItem: (item: ActionItemView) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const save = useMutation({
    mutationFn: async (input: CreateActionItemInput) =>
      resultData(
        await callWrite(() =>
          updateActionItemAction(postmortemId, item.id, { ...input, version: item.version }),
        ),
      ),
    onSuccess: (saved) => {
      onItem(saved);
      setStale(false);
      setEditing(false);
    },
    onError: (error) => {
      const refusal = errorBodyOf(error);
      const current = refusal && currentItemOf(refusal);
      if (current) onItem(current);
      setStale(current !== null);
    },
  });
  // A stale refusal shows as its own notice, with the fields reloaded: not as an error on the form.
  const error = stale ? null : errorBodyOf(save.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(itemInputOf(event.currentTarget));
  }

  return (
    <li
      className={`flex flex-col gap-2 border-l-4 py-2.5 pl-2.5 ${item.overdue ? "border-l-danger" : "border-l-transparent"}`}
      data-testid="action-item"
      data-item-id={item.id}
      data-overdue={item.overdue ? "true" : undefined}
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span
          className="min-w-0 flex-1 text-sm font-medium break-words"
          data-testid="action-item-title"
        >
          {item.title}
        </span>
        <ActionItemStatusBadge status={item.status} />
        <span className="text-xs text-muted" data-testid="action-item-owner-name">
          {item.owner ? item.owner.name : "unassigned"}
        </span>
        <span className="text-xs">
          <ItemDue item={item} />
        </span>
        <span className="max-w-64 text-xs">
          <IssueLink url={item.issueUrl} />
        </span>
        {canWrite ? (
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={editing}
            onClick={() => {
              setEditing((open) => !open);
              save.reset();
              setStale(false);
            }}
            data-testid="action-item-edit"
          >
            {editing ? "Close" : "Edit"}
          </Button>
        ) : null}
      </div>
      {stale ? (
        <Alert tone="error" data-testid="action-item-stale">
          {staleItemMessage}
        </Alert>
      ) : null}
      {editing ? (
        // Keyed by the version: after someone else's change the fields show what the item is now.
        <form
          key={item.version}
          method="post"
          noValidate
          onSubmit={onSubmit}
          className="grid gap-3 rounded-md border border-line bg-surface-2 p-3 sm:grid-cols-2"
          data-testid="action-item-form"
        >
          {topMessage(error) ? (
            <Alert tone="error" className="sm:col-span-2">
              {topMessage(error)}
            </Alert>
          ) : null}
          <ItemFields
            idPrefix={`action-item-${item.id}`}
            item={item}
            people={people}
            error={error}
          />
          <div className="flex gap-2 sm:col-span-2">
            <Button
              type="submit"
              variant="primary"
              disabled={save.isPending}
              data-testid="action-item-save"
            >
              {save.isPending ? "Saving…" : "Save item"}
            </Button>
            <Button onClick={() => setEditing(false)}>Cancel</Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

function AddItemForm({
  postmortemId,
  people,
  onAdded,
}: {
  postmortemId: string;
  people: PersonRef[];
  onAdded: (item: ActionItemView) => void;
}) {
  // Remounting the fields is how the form empties after an add.
  const [formKey, setFormKey] = useState(0);
  const add = useMutation({
    mutationFn: async (input: CreateActionItemInput) =>
      resultData(await callWrite(() => createActionItemAction(postmortemId, input))),
    onSuccess: (added) => {
      setFormKey((key) => key + 1);
      onAdded(added);
    },
  });
  const error = errorBodyOf(add.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate(itemInputOf(event.currentTarget));
  }

  return (
    <form
      key={formKey}
      method="post"
      noValidate
      onSubmit={onSubmit}
      className="grid gap-3 rounded-md border border-dashed border-line p-3 sm:grid-cols-2"
      data-testid="action-item-add-form"
      aria-label="Add an action item"
    >
      {topMessage(error) ? (
        <Alert tone="error" className="sm:col-span-2">
          {topMessage(error)}
        </Alert>
      ) : null}
      <ItemFields idPrefix="action-item-new" people={people} error={error} />
      <div className="sm:col-span-2">
        <Button
          type="submit"
          variant="primary"
          disabled={add.isPending}
          data-testid="action-item-add"
        >
          {add.isPending ? "Adding…" : "Add action item"}
        </Button>
      </div>
    </form>
  );
}

/** The postmortem's follow-ups: a list with inline editing and an add form. Items can be added and moved along even after publishing. */
export function ActionItemsEditor({
  postmortemId,
  items,
  people,
  canWrite,
}: {
  postmortemId: string;
  items: ActionItemView[];
  people: PersonRef[];
  canWrite: boolean;
}) {
  const [list, setList] = useState(items);
  // New items from the server (after a revalidation) replace what this section last knew.
  const [seenItems, setSeenItems] = useState(items);
  if (items !== seenItems) {
    setSeenItems(items);
    setList(items);
  }

  function replace(next: ActionItemView) {
    setList((current) =>
      current.map((item) => (item.id === next.id && next.version >= item.version ? next : item)),
    );
  }

  const open = list.filter((item) => openActionItemStatuses.includes(item.status)).length;
  return (
    <Panel
      title="Follow-up action items"
      description={
        list.length === 0
          ? "What will stop this from happening again."
          : `${open} open of ${list.length}. Each with an owner, a due date and an issue link.`
      }
    >
      <div className="flex flex-col gap-3" data-testid="action-items-section">
        {list.length === 0 ? (
          <p className="text-sm text-muted">No action items yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-line" data-testid="action-items">
            {list.map((item) => (
              <ItemRow
                key={item.id}
                postmortemId={postmortemId}
                item={item}
                people={people}
                canWrite={canWrite}
                onItem={replace}
              />
            ))}
          </ul>
        )}
        {canWrite ? (
          <AddItemForm
            postmortemId={postmortemId}
            people={people}
            onAdded={(item) =>
              setList((current) =>
                current.some((other) => other.id === item.id) ? current : [...current, item],
              )
            }
          />
        ) : null}
      </div>
    </Panel>
  );
}
