import { describe, expect, it } from "vitest";
import { terminalSafe } from "@/lib/platform/cli/terminal-safe";

describe("text printed by the CLI", () => {
  it("loses colours, cursor moves, screen clears and window-title writes", () => {
    expect(terminalSafe("\x1b[31mred\x1b[0m \x1b[2J\x1b[H\x1b[1;1Hclear \x1b[?25lcursor")).toBe(
      "red clear cursor",
    );
    expect(terminalSafe("\x1b]0;pwned title\x07after")).toBe("after");
    expect(terminalSafe("a\x1bcb\x1b7c")).toBe("abc");
  });

  it("keeps the visible text of an OSC 8 hyperlink but not its hidden target", () => {
    const link =
      "\x1b]8;;https://evil.example/steal\x1b\\https://vigil.example/incidents/1\x1b]8;;\x1b\\";
    expect(terminalSafe(`see ${link} now`)).toBe("see https://vigil.example/incidents/1 now");
    expect(terminalSafe("\x1b]8;;https://evil.example\x07click\x1b]8;;\x07")).toBe("click");
  });

  it("drops 8-bit C1 controls and their sequences, and other C0 controls, but keeps newlines and tabs", () => {
    expect(terminalSafe("\x9b31mx\x9d0;title\x9cy\x85z")).toBe("xyz");
    expect(terminalSafe("one\r\x00\x07\x08\x7ftwo\n\tthree")).toBe("onetwo\n\tthree");
  });

  it("shows bidi controls as markers and leaves ordinary text, accents and emoji alone", () => {
    expect(terminalSafe("file \u202Etxt.exe")).toBe("file ⟨U+202E⟩txt.exe");
    expect(terminalSafe("Café ✓ 🚨 שלום")).toBe("Café ✓ 🚨 שלום");
  });
});
