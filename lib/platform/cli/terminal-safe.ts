import { showBidiControls } from "@/lib/bidi-controls";

// ESC or its 8-bit form opening a control string (OSC, DCS, SOS, PM, APC) up to BEL or ST; CSI sequences with their
// parameters; then any other two-character ESC sequence.
const controlString = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g;
const csiSequence = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
const escapeSequence = /\x1b[\x20-\x7e]?/g;
// C0 controls except tab and newline, DEL, and C1 controls.
const loneControl = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Text that came from the database or from people, made safe to print: no escape sequences (colours, cursor
 * moves, screen clears, OSC 8 links with a hidden target, window-title writes), no other control characters
 * but newline and tab, and bidi controls shown as markers so a line cannot read differently from what it is.
 */
export function terminalSafe(text: string): string {
  return showBidiControls(
    text
      .replace(controlString, "")
      .replace(csiSequence, "")
      .replace(escapeSequence, "")
      .replace(loneControl, ""),
  );
}
