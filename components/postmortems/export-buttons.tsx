import { buttonClasses } from "@/components/ui/button";
import { CopyAndDownload } from "@/components/ui/copy-and-download";

/** Copy or download the postmortem as Markdown, or open the print view in a new tab. */
export function ExportButtons({
  markdown,
  filename,
  printHref,
}: {
  markdown: string;
  filename: string;
  printHref: string;
}) {
  return (
    <CopyAndDownload
      copyText={markdown}
      copyLabel="Copy Markdown"
      what="the Markdown"
      markdown={markdown}
      filename={filename}
      testIds={{ root: "postmortem-export", copy: "copy-markdown", download: "download-markdown" }}
    >
      <a
        href={printHref}
        target="_blank"
        rel="noopener noreferrer"
        className={buttonClasses("secondary", "sm")}
        data-testid="print-view-link"
      >
        Print view
      </a>
    </CopyAndDownload>
  );
}
