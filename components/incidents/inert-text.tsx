import { splitBidiControls } from "@/lib/bidi-controls";

/** Text with its bidi controls shown as markers (⟨U+202E⟩) instead of applied; for use inside an isolate. */
export function InertSegments({ text }: { text: string }) {
  return (
    <>
      {splitBidiControls(text).map((segment, index) =>
        segment.kind === "text" ? (
          segment.text
        ) : (
          <span
            key={index}
            className="mx-px rounded-sm bg-degraded/15 px-0.5 font-mono text-[0.8em] text-degraded"
            title={`A hidden ${segment.name} character, shown here instead of applied`}
            data-testid="bidi-control"
          >
            {segment.marker}
          </span>
        ),
      )}
    </>
  );
}

/**
 * Someone's text isolated from the surrounding UI (<bdi>), so right-to-left text cannot reorder the times,
 * names and ids beside it, with its direction controls shown as visible markers.
 */
export function InertText({ text }: { text: string }) {
  return (
    <bdi>
      <InertSegments text={text} />
    </bdi>
  );
}
