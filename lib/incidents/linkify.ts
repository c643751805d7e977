import { isHttpUrl } from "@/lib/markdown";

export type TextSegment =
  { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const urlPattern = /https?:\/\/[^\s<>"'`]+/gi;
const trailingPunctuation = /[.,;:!?'"*_~]+$/;

/** Drops sentence punctuation and a closing bracket the URL did not open, as in "(see https://x.test/a)." */
function trimUrl(candidate: string): string {
  let url = candidate.replace(trailingPunctuation, "");
  for (const [open, close] of [
    ["(", ")"],
    ["[", "]"],
    ["{", "}"],
  ] as const) {
    while (url.endsWith(close) && url.split(close).length > url.split(open).length) {
      url = url.slice(0, -1).replace(trailingPunctuation, "");
    }
  }
  return url;
}

/** The href a link may carry: only http(s) URLs that parse; anything else stays text. */
export function safeHref(candidate: string): string | null {
  if (!isHttpUrl(candidate)) return null;
  const url = new URL(candidate);
  return url.hostname ? url.href : null;
}

/**
 * Splits what someone typed into plain text and http(s) links. Nothing here is HTML: the caller renders
 * each segment as React text or as an anchor with the checked href.
 */
export function splitLinks(input: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let textStart = 0;
  const pushText = (end: number) => {
    if (end <= textStart) return;
    const text = input.slice(textStart, end);
    const last = segments.at(-1);
    if (last?.kind === "text") last.text += text;
    else segments.push({ kind: "text", text });
  };
  for (const match of input.matchAll(urlPattern)) {
    const start = match.index;
    // "xhttps://..." is not a link of its own.
    if (start > 0 && /[a-z0-9]/i.test(input[start - 1] ?? "")) continue;
    const text = trimUrl(match[0]);
    const href = safeHref(text);
    if (!href) continue;
    pushText(start);
    segments.push({ kind: "link", text, href });
    textStart = start + text.length;
  }
  pushText(input.length);
  return segments;
}
