"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { Conflict } from "@/components/incidents/conflict-notice";
import {
  callAction,
  conflictCurrent,
  newIdempotencyKey,
  runIncidentWrite,
  trackIncidentWrite,
} from "@/components/incidents/incident-api";
import { kindLabel } from "@/components/incidents/timeline-entry";
import { refusalOf } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { controlClasses, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ActionResult, ErrorBody } from "@/lib/errors";
import { appendTimelineEntryAction, runTimelineCommandAction } from "@/lib/incidents/actions";
import { parseHappenedAt } from "@/lib/incidents/happened-at";
import {
  slashCommandHelp,
  writableTimelineKinds as writableKinds,
  type WritableTimelineKind,
} from "@/lib/incidents/labels";
import type { IncidentView, TimelineEntryView } from "@/lib/incidents/types";
import { formatUtcDateTime } from "@/lib/time/format";

export type ComposerHandlers = {
  onEntry: (entry: TimelineEntryView) => void;
  onIncident: (incident: IncidentView) => void;
  /** A slash command hit a stale version: the workspace shows what changed and offers to re-apply. */
  onConflict: (conflict: Conflict) => void;
};

const isCommand = (text: string) => text.startsWith("/") && !text.startsWith("//");

/** One composed line as sent: a command (or plain note) runs as a command, anything else is appended as an entry. */
type Composed = {
  seen: IncidentView;
  body: string;
  asCommand: boolean;
  kind: WritableTimelineKind;
  occurredAt: string | undefined;
  correctsId: string | undefined;
  idempotencyKey: string;
};

type Written =
  { kind: "entry"; entry: TimelineEntryView } | { kind: "incident"; incident: IncidentView };

function sendComposed(composed: Composed, version: number): Promise<ActionResult<Written>> {
  const incidentId = composed.seen.id;
  const { body, idempotencyKey } = composed;
  if (composed.asCommand)
    return runTimelineCommandAction(incidentId, { text: body, version, idempotencyKey });
  return appendTimelineEntryAction(incidentId, {
    kind: composed.kind,
    body,
    occurredAt: composed.occurredAt,
    correctsId: composed.correctsId,
    idempotencyKey,
  }).then((result) =>
    result.ok
      ? { ok: true as const, data: { kind: "entry" as const, entry: result.data } }
      : result,
  );
}

const refusalText = (refusal: ErrorBody) =>
  refusal.fields?.text?.[0] ?? Object.values(refusal.fields ?? {})[0]?.[0] ?? refusal.message;

/**
 * The scribe's line: type and Enter. Plain text is a note, a slash command changes the incident. Each
 * composed entry carries one idempotency key until it is recorded, so a double Enter or a retry after a
 * dropped connection records it once.
 */
export function TimelineComposer({
  incident,
  correcting,
  onCancelCorrection,
  handlers,
}: {
  incident: IncidentView;
  correcting: TimelineEntryView | null;
  onCancelCorrection: () => void;
  handlers: ComposerHandlers;
}) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<WritableTimelineKind>("note");
  const [happenedAt, setHappenedAt] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const keyRef = useRef<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const compose = useMutation({
    mutationFn: (composed: Composed) =>
      runIncidentWrite(composed.seen.id, () => sendComposed(composed, composed.seen.version)),
    onSuccess: (written) => {
      if (written.kind === "entry") handlers.onEntry(written.entry);
      else handlers.onIncident(written.incident);
      keyRef.current = null;
      setText("");
      setHappenedAt("");
      setKind("note");
      onCancelCorrection();
      inputRef.current?.focus();
    },
    onError: (error, composed) => {
      const refusal = refusalOf(error);
      const current = refusal ? conflictCurrent(refusal) : null;
      if (!refusal || !current) return;
      handlers.onConflict({
        seen: composed.seen,
        current,
        message: refusal.message,
        description: composed.body,
        reapply: async (version) => {
          const retried = await trackIncidentWrite(composed.seen.id, () =>
            callAction(() => sendComposed(composed, version)),
          );
          if (retried.ok) {
            if (retried.data.kind === "incident") handlers.onIncident(retried.data.incident);
            else handlers.onEntry(retried.data.entry);
            keyRef.current = null;
            setText("");
            compose.reset();
          }
          return retried;
        },
      });
    },
  });
  const pending = compose.isPending;
  const refusal = refusalOf(compose.error);
  const error = localError ?? (refusal ? refusalText(refusal) : null);
  const showLocalError = (message: string) => {
    compose.reset();
    setLocalError(message);
  };

  useEffect(() => {
    if (correcting) inputRef.current?.focus();
  }, [correcting]);

  // "/" anywhere on the page starts a command in the line, as in chat tools; typing in another field is left alone.
  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      event.preventDefault();
      setText((current) => current || "/");
      inputRef.current?.focus();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // The line grows with Shift+Enter newlines, up to a few lines, then scrolls.
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  }, [text]);

  const time = parseHappenedAt(happenedAt, new Date());
  const command = isCommand(text.trim());

  function submit() {
    const body = text.trim();
    if (pending || !body) return;
    if (!time.ok) return showLocalError(time.error);
    if (command && (correcting || time.iso)) {
      return showLocalError(
        "Slash commands change the incident now: clear the correction or the time to use one, or start the line with // to write it as text.",
      );
    }
    const idempotencyKey = (keyRef.current ??= newIdempotencyKey());
    setLocalError(null);
    const plain = !command && kind === "note" && !correcting && !time.iso;
    compose.mutate({
      seen: incident,
      body,
      asCommand: command || plain,
      kind,
      occurredAt: time.iso ?? undefined,
      correctsId: correcting?.id,
      idempotencyKey,
    });
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && correcting) {
      event.preventDefault();
      onCancelCorrection();
    }
  }

  return (
    <form
      className="flex flex-col gap-1.5"
      data-testid="timeline-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {correcting ? (
        <div
          className="flex items-start gap-2 rounded-md border border-degraded/40 bg-degraded-bg px-2.5 py-1.5 text-xs"
          data-testid="composer-correcting"
        >
          <p className="min-w-0 flex-1 break-words">
            <span className="font-semibold">Correcting #{correcting.id}</span> (
            {kindLabel(correcting.kind)}):{" "}
            <span className="text-muted">{correcting.body.slice(0, 200)}</span>
            <span className="block text-muted">
              The original stays on the timeline, marked as corrected. Esc cancels.
            </span>
          </p>
          <Button size="sm" variant="ghost" onClick={onCancelCorrection}>
            Cancel
          </Button>
        </div>
      ) : null}
      <div className="flex items-start gap-2">
        <label htmlFor="timeline-input" className="sr-only">
          Timeline entry or slash command
        </label>
        <textarea
          id="timeline-input"
          ref={inputRef}
          data-testid="timeline-input"
          rows={1}
          autoFocus
          value={text}
          maxLength={5_000}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby="timeline-input-hint"
          placeholder={
            correcting
              ? `What is right instead of #${correcting.id}…`
              : "What happened? Enter logs it · /status mitigated · /sev 1 · /ic @name"
          }
          className={`${controlClasses} h-auto min-h-9 flex-1 resize-none py-1.5 leading-5`}
        />
        <Button
          type="submit"
          variant="primary"
          className="h-9"
          disabled={pending || !text.trim()}
          data-testid="timeline-send"
        >
          {pending ? "Sending…" : command ? "Run" : "Log"}
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
        <label className="inline-flex items-center gap-1.5">
          <span className="text-muted">Kind</span>
          <Select
            value={kind}
            onChange={(event) => setKind(event.target.value as WritableTimelineKind)}
            className="h-7 text-xs"
            data-testid="entry-kind-picker"
            disabled={command}
          >
            {writableKinds.map((value) => (
              <option key={value} value={value}>
                {kindLabel(value)}
              </option>
            ))}
          </Select>
        </label>
        <label className="inline-flex items-center gap-1.5">
          <span className="text-muted">Happened at (UTC)</span>
          <Input
            value={happenedAt}
            onChange={(event) => setHappenedAt(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                submit();
              }
            }}
            placeholder="now, or 14:05"
            className="h-7 w-36 text-xs"
            data-testid="entry-happened-at"
            aria-invalid={time.ok ? undefined : true}
          />
        </label>
        {happenedAt.trim() ? (
          <span
            className={time.ok ? "text-muted" : "text-danger"}
            data-testid="entry-happened-at-preview"
          >
            {time.ok
              ? time.iso
                ? `→ ${formatUtcDateTime(time.iso, { seconds: true })}`
                : ""
              : time.error}
          </span>
        ) : null}
      </div>
      <InlineError message={error} />
      <details id="timeline-input-hint" className="text-xs text-muted">
        <summary className="cursor-pointer select-none hover:text-text">
          Enter logs · Shift+Enter new line · / anywhere starts a command
        </summary>
        <ul
          className="mt-1 grid gap-x-4 gap-y-0.5 font-mono sm:grid-cols-2"
          data-testid="slash-help"
        >
          {slashCommandHelp.map((line) => (
            <li key={line}>{line}</li>
          ))}
          <li>{"// at the start writes a line beginning with /"}</li>
        </ul>
      </details>
    </form>
  );
}
