/**
 * Markdown made inert, shared by every export Vigil writes (postmortems, handoffs), and which URLs may become links.
 * No imports: client code may use it.
 */

/** An http(s) URL that parses: the only kind of link Vigil shows, sends or calls. */
export function isHttpUrl(value: string | null | undefined): value is string {
  return !!value && URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol);
}

/**
 * Text between code spans, made inert: backslashes doubled (so a typed backslash cannot undo an escape), anything that
 * could open an HTML tag or comment escaped, "![" escaped so no image is ever embedded (a remote image is fetched by
 * whoever opens the export: a tracking pixel), and "[text](destination)" only a link for http(s) and mailto.
 */
function inertText(text: string): string {
  return text
    .replaceAll("\\", "\\\\")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<")
    .replaceAll("![", "\\![")
    .replace(/\]\((?!\s*<?(?:https?:\/\/|mailto:))/gi, "]\\(")
    .replace(/^( {0,3})\[(?=[^\]]*\]:)/, "$1\\[");
}

/** Code spans stay as typed (a backslash is literal there); the text around them is made inert. */
export function inertInline(line: string): string {
  let result = "";
  let index = 0;
  while (index < line.length) {
    const tick = line.indexOf("`", index);
    if (tick === -1) {
      result += inertText(line.slice(index));
      break;
    }
    result += inertText(line.slice(index, tick));
    const run = /^`+/.exec(line.slice(tick))?.[0] ?? "`";
    const closing = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
    closing.lastIndex = tick + run.length;
    const close = closing.exec(line);
    const spanEnd = close ? close.index + run.length : tick + run.length;
    result += line.slice(tick, spanEnd);
    index = spanEnd;
  }
  return result;
}
