import { afterEach, beforeEach, vi } from "vitest";

/** What the CLI printed during each test (stdout and stderr, one entry a line), emptied before each test. */
export function captureCliOutput(): string[] {
  const output: string[] = [];
  beforeEach(() => {
    output.length = 0;
    vi.spyOn(console, "log").mockImplementation(
      (...args: unknown[]) => void output.push(args.join(" ")),
    );
    vi.spyOn(console, "error").mockImplementation(
      (...args: unknown[]) => void output.push(args.join(" ")),
    );
  });
  afterEach(() => vi.restoreAllMocks());
  return output;
}
