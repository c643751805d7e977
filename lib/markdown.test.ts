import { describe, expect, it } from "vitest";
import { inertInline, isHttpUrl } from "@/lib/markdown";

/** "![" not preceded by an odd run of backslashes, outside code spans: an image a Markdown viewer would fetch. */
function embedsImage(markdown: string): boolean {
  const outsideCode = markdown.replace(/(`+)[\s\S]*?\1/g, "");
  return /(?:^|[^\\])(?:\\\\)*!\[/.test(outsideCode);
}

describe("inert Markdown text", () => {
  it("never embeds an image, inline or by reference, while the link inside stays a link", () => {
    const tracking =
      "see ![x](https://evil.example/track.png) and ![y][pixel] and [![z](https://evil.example/a.png)](https://ok.example)";
    const inert = inertInline(tracking);
    expect(inert).toBe(
      "see \\![x](https://evil.example/track.png) and \\![y][pixel] and [\\![z](https://evil.example/a.png)](https://ok.example)",
    );
    expect(embedsImage(tracking)).toBe(true);
    expect(embedsImage(inert)).toBe(false);
  });

  it("cannot be talked out of the escape by a typed backslash", () => {
    const inert = inertInline(
      "\\![x](https://evil.example/t.png) \\\\![x](https://evil.example/t.png)",
    );
    expect(embedsImage(inert)).toBe(false);
  });

  it("escapes raw <img> and <picture> tags, and leaves code spans as typed", () => {
    expect(inertInline('<img src="https://evil.example/t.png"> <IMG SRC=x> <picture>')).toBe(
      '\\<img src="https://evil.example/t.png"> \\<IMG SRC=x> \\<picture>',
    );
    expect(inertInline("`![x](https://evil.example/t.png)` stays code")).toBe(
      "`![x](https://evil.example/t.png)` stays code",
    );
    expect(inertInline("Wow! [docs](https://docs.example) !important")).toBe(
      "Wow! [docs](https://docs.example) !important",
    );
  });
});

describe("isHttpUrl", () => {
  it("accepts only http(s) URLs that parse", () => {
    expect(isHttpUrl("https://vigil.test/incidents/1")).toBe(true);
    expect(isHttpUrl("http://localhost:3000")).toBe(true);
    expect(isHttpUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpUrl("mailto:ops@vigil.test")).toBe(false);
    expect(isHttpUrl("not a url")).toBe(false);
  });
});
