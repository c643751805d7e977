import { describe, expect, it } from "vitest";
import {
  bidiMarker,
  hasBidiControls,
  showBidiControls,
  splitBidiControls,
} from "@/lib/bidi-controls";

const every = [
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c,
];

describe("bidi controls", () => {
  it("turns every embedding, override, isolate and mark into a visible marker, leaving no control behind", () => {
    const text = every.map((codePoint) => `a${String.fromCodePoint(codePoint)}`).join("");
    const shown = showBidiControls(text);
    expect(hasBidiControls(shown)).toBe(false);
    for (const codePoint of every) expect(shown).toContain(bidiMarker(codePoint));
    expect(bidiMarker(0x061c)).toBe("⟨U+061C⟩");
  });

  it("splits the text around the controls so a renderer can show them apart", () => {
    expect(splitBidiControls("deploy \u202Egnp.exe\u202C done")).toEqual([
      { kind: "text", text: "deploy " },
      { kind: "control", marker: "⟨U+202E⟩", name: "right-to-left override" },
      { kind: "text", text: "gnp.exe" },
      { kind: "control", marker: "⟨U+202C⟩", name: "pop directional formatting" },
      { kind: "text", text: " done" },
    ]);
    expect(splitBidiControls("plain")).toEqual([{ kind: "text", text: "plain" }]);
    expect(splitBidiControls("")).toEqual([]);
  });

  it("keeps right-to-left letters and other text as they are", () => {
    const text = "שלום مرحبا zero\u200Bwidth";
    expect(showBidiControls(text)).toBe(text);
    expect(hasBidiControls(text)).toBe(false);
    expect(hasBidiControls("x\u2067y")).toBe(true);
  });
});
