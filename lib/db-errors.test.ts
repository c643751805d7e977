import { describe, expect, it } from "vitest";
import { describeDatabaseError } from "@/lib/db-errors";

describe("describeDatabaseError", () => {
  it("prefers the driver's own message, with its detail and code", () => {
    const error = Object.assign(
      new Error("\nInvalid `prisma.checkResult.createMany()` invocation:\n\n  → 12 data: …"),
      {
        meta: {
          driverAdapterError: {
            cause: {
              originalMessage: 'invalid byte sequence for encoding "UTF8": 0x00',
              originalCode: "22021",
            },
          },
        },
      },
    );
    expect(describeDatabaseError(error)).toBe(
      'invalid byte sequence for encoding "UTF8": 0x00 (22021)',
    );
  });

  it("takes the last line of a Prisma message that opens with its call site", () => {
    expect(
      describeDatabaseError(
        new Error(
          "\nInvalid `prisma.service.findMany()` invocation:\n\n\nCan't reach database server at 127.0.0.1:1",
        ),
      ),
    ).toBe("Can't reach database server at 127.0.0.1:1");
  });

  it("otherwise the first line with words", () => {
    expect(
      describeDatabaseError(
        new Error("\n  connection terminated unexpectedly\n    at Socket.<anonymous>"),
      ),
    ).toBe("connection terminated unexpectedly");
    expect(describeDatabaseError("")).toBe("unknown error");
  });
});
