/**
 * Bidirectional formatting controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and
 * the marks (U+200E, U+200F, U+061C). In someone's text they can make "rm -rf" read backwards, or drag the
 * surrounding UI (times, authors, ids) into a reordered line. Shown as visible markers, they do nothing.
 */
const bidiControlPattern = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

const controlNames: Record<number, string> = {
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x061c: "Arabic letter mark",
};

export type InertSegment =
  { kind: "text"; text: string } | { kind: "control"; marker: string; name: string };

/** "⟨U+202E⟩" for U+202E. */
export function bidiMarker(codePoint: number): string {
  return `⟨U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

export function hasBidiControls(text: string): boolean {
  return new RegExp(bidiControlPattern.source).test(text);
}

/** The text split around its bidi controls, each control turned into a visible, inert marker. */
export function splitBidiControls(text: string): InertSegment[] {
  const segments: InertSegment[] = [];
  let start = 0;
  for (const match of text.matchAll(bidiControlPattern)) {
    if (match.index > start) segments.push({ kind: "text", text: text.slice(start, match.index) });
    const codePoint = match[0].codePointAt(0) ?? 0;
    segments.push({
      kind: "control",
      marker: bidiMarker(codePoint),
      name: controlNames[codePoint] ?? "direction control",
    });
    start = match.index + match[0].length;
  }
  if (start < text.length) segments.push({ kind: "text", text: text.slice(start) });
  return segments;
}

/** Plain text with every bidi control replaced by its marker, for titles, attributes and terminals. */
export function showBidiControls(text: string): string {
  return text.replace(bidiControlPattern, (control) => bidiMarker(control.codePointAt(0) ?? 0));
}
