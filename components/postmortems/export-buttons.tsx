"use client";

import { useEffect, useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";

type CopyState = "idle" | "copied" | "manual";

/** Copy or download the postmortem as Markdown, or open the print view in a new tab. */
export function ExportButtons({ markdown, filename, printHref }: { markdown: string; filename: string; printHref: string }) {
  const [copyState, setCopyState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fallback = useRef<HTMLTextAreaElement>(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (copyState === "manual") fallback.current?.select();
  }, [copyState]);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(markdown);
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
    <div className="flex flex-col gap-2" data-testid="postmortem-export">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={copy} data-testid="copy-markdown">
          {copyState === "copied" ? "Copied" : "Copy Markdown"}
        </Button>
        <Button size="sm" onClick={download} data-testid="download-markdown">
          Download .md
        </Button>
        <a href={printHref} target="_blank" rel="noopener noreferrer" className={buttonClasses("secondary", "sm")} data-testid="print-view-link">
          Print view
        </a>
        <span role="status" className="sr-only">
          {copyState === "copied" ? "Copied the Markdown to the clipboard." : ""}
        </span>
      </div>
      {copyState === "manual" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="postmortem-markdown-fallback" className="text-xs text-muted">
            Copying was not allowed here. The Markdown is selected below: press Ctrl+C (⌘C on a Mac) to copy it.
          </label>
          <textarea
            id="postmortem-markdown-fallback"
            ref={fallback}
            readOnly
            value={markdown}
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
