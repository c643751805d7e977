"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type CopyState = "idle" | "copied" | "manual";

/**
 * Copy a text to the clipboard and download a Markdown file: the export row of postmortems and handoffs.
 * `children` sits in the same row (e.g. a print-view link).
 */
export function CopyAndDownload({
  copyText,
  copyLabel,
  what,
  markdown,
  filename,
  testIds,
  primary = false,
  children,
}: {
  copyText: string;
  copyLabel: string;
  /** "the Markdown", "the handoff": used in the status and fallback messages. */
  what: string;
  markdown: string;
  filename: string;
  testIds: { root: string; copy: string; download: string };
  primary?: boolean;
  children?: ReactNode;
}) {
  const [copyState, setCopyState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fallback = useRef<HTMLTextAreaElement>(null);
  const fallbackId = `${testIds.root}-fallback`;
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (copyState === "manual") fallback.current?.select();
  }, [copyState]);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(copyText);
      setCopyState("copied");
      timer.current = setTimeout(() => setCopyState("idle"), 2_500);
    } catch {
      // Without clipboard permission (or over plain http) the text is offered selected, for Ctrl+C.
      setCopyState("manual");
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([markdown], { type: "text/markdown;charset=utf-8" }));
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = filename;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // Revoked after the click has been handled, or some browsers cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }

  return (
    <div className="flex flex-col gap-2" data-testid={testIds.root}>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant={primary ? "primary" : undefined}
          onClick={copy}
          data-testid={testIds.copy}
        >
          {copyState === "copied" ? "Copied" : copyLabel}
        </Button>
        <Button size="sm" onClick={download} data-testid={testIds.download}>
          Download .md
        </Button>
        {children}
        <span role="status" className="sr-only">
          {copyState === "copied" ? `Copied ${what} to the clipboard.` : ""}
        </span>
      </div>
      {copyState === "manual" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={fallbackId} className="text-xs text-muted">
            Copying was not allowed here. {what.charAt(0).toUpperCase() + what.slice(1)} is selected
            below: press Ctrl+C (⌘C on a Mac) to copy it.
          </label>
          <textarea
            id={fallbackId}
            ref={fallback}
            readOnly
            value={copyText}
            rows={8}
            className="w-full rounded-md border border-line bg-surface-2 p-2 font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <div>
            <Button size="sm" variant="ghost" onClick={() => setCopyState("idle")}>
              Close
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
