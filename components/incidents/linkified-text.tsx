import { InertSegments } from "@/components/incidents/inert-text";
import { splitLinks } from "@/lib/incidents/linkify";

/**
 * What someone typed, with its http(s) URLs as links. Everything else is React text, so markup stays
 * visible characters and never runs; hrefs come only from URLs that parsed as http(s). The whole is
 * isolated (<bdi>) and its direction controls are shown as markers, so it cannot reorder the UI around it.
 */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <bdi>
      {splitLinks(text).map((segment, index) =>
        segment.kind === "link" ? (
          <a
            key={index}
            href={segment.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="break-all text-accent underline underline-offset-2"
            data-testid="entry-link"
          >
            <InertSegments text={segment.text} />
          </a>
        ) : (
          <span key={index}>
            <InertSegments text={segment.text} />
          </span>
        ),
      )}
    </bdi>
  );
}
