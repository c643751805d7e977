import { CopyAndDownload } from "@/components/ui/copy-and-download";

/** Copy the handoff's text (the runbook template, as stored) or download it as Markdown (rendered on the server). */
export function HandoffExport({
  text,
  markdown,
  filename,
}: {
  text: string;
  markdown: string;
  filename: string;
}) {
  return (
    <CopyAndDownload
      copyText={text}
      copyLabel="Copy to clipboard"
      what="the handoff"
      markdown={markdown}
      filename={filename}
      testIds={{ root: "handoff-export", copy: "handoff-copy", download: "handoff-download" }}
      primary
    />
  );
}
