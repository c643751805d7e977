import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InertText } from "@/components/incidents/inert-text";
import { LinkifiedText } from "@/components/incidents/linkified-text";
import { hasBidiControls } from "@/lib/bidi-controls";

describe("timeline and title text", () => {
  it("isolates someone's text and shows its direction controls as markers, never as controls", () => {
    const body = "rolled back \u202Etxt.exe\u202C see https://ci.example/run/\u202E7 ok\u2067";
    const html = renderToStaticMarkup(createElement(LinkifiedText, { text: body }));
    expect(html.startsWith("<bdi>")).toBe(true);
    expect(hasBidiControls(html)).toBe(false);
    expect(html).toContain("⟨U+202E⟩");
    expect(html).toContain("⟨U+202C⟩");
    expect(html).toContain("⟨U+2067⟩");
    expect(html.match(/data-testid="bidi-control"/g)).toHaveLength(4);
    // The link keeps working, with the control percent-encoded in its href and shown as a marker in its text.
    expect(html).toMatch(/href="https:\/\/ci\.example\/run\/%E2%80%AE7"/);
  });

  it("renders incident titles the same way", () => {
    const html = renderToStaticMarkup(
      createElement(InertText, { text: "Checkout \u202Edown\u200F" }),
    );
    expect(html).toMatch(
      /^<bdi>Checkout <span[^>]*>⟨U\+202E⟩<\/span>down<span[^>]*>⟨U\+200F⟩<\/span><\/bdi>$/,
    );
  });

  it("leaves ordinary text alone", () => {
    expect(renderToStaticMarkup(createElement(InertText, { text: "שלום <b>x</b>" }))).toBe(
      "<bdi>שלום &lt;b&gt;x&lt;/b&gt;</bdi>",
    );
  });
});
