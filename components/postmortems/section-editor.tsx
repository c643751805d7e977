"use client";

import type { ReactNode } from "react";
import { LinkifiedText } from "@/components/incidents/linkified-text";
import { textareaClasses } from "@/components/incidents/use-update";
import { BlameHints, type InitialBlameHints } from "@/components/postmortems/blame-hints";
import { sectionMaxLength } from "@/lib/postmortems/labels";
import type { PostmortemSection } from "@/lib/postmortems/types";

type SectionProps = {
  section: PostmortemSection;
  label: string;
  hint: string;
  children?: ReactNode;
};

/** One written section while the document is a draft or in review; the text autosaves (see the editor store). */
export function SectionEditor({
  section,
  label,
  hint,
  value,
  conflicted,
  initialHints,
  onChange,
  onBlur,
  children,
}: SectionProps & {
  value: string;
  conflicted: boolean;
  initialHints: InitialBlameHints;
  onChange: (text: string) => void;
  onBlur: () => void;
}) {
  const id = `postmortem-${section}`;
  return (
    <section
      className="flex flex-col gap-1.5"
      data-testid="postmortem-section"
      data-section={section}
      aria-labelledby={`${id}-label`}
    >
      <label id={`${id}-label`} htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-xs text-muted">
        {hint}
      </p>
      {children}
      <textarea
        id={id}
        name={section}
        value={value}
        maxLength={sectionMaxLength}
        rows={4}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-describedby={`${id}-hint`}
        aria-invalid={conflicted || undefined}
        className={`${textareaClasses} field-sizing-content min-h-24 ${conflicted ? "border-degraded" : ""}`}
        data-testid="section-input"
      />
      {conflicted ? (
        <p className="text-xs font-medium text-degraded">
          Someone else changed this section too: choose above which text to keep.
        </p>
      ) : null}
      <BlameHints text={value} section={section} initial={initialHints} />
    </section>
  );
}

/** The same section, read-only: published documents and viewers. Text stays text; only http(s) links become links. */
export function SectionText({
  section,
  label,
  hint,
  text,
  children,
}: SectionProps & { text: string }) {
  return (
    <section
      className="flex flex-col gap-1.5"
      data-testid="postmortem-section"
      data-section={section}
    >
      <h2 className="text-sm font-semibold" title={hint}>
        {label}
      </h2>
      {children}
      {text.trim() ? (
        <div className="text-sm break-words whitespace-pre-wrap" data-testid="section-text">
          <LinkifiedText text={text} />
        </div>
      ) : (
        <p className="text-sm text-muted" data-testid="section-text">
          Not written.
        </p>
      )}
    </section>
  );
}
