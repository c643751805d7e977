import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  bytesToPostgresText,
  findTextProblems,
  textProblemOf,
  toPostgresJson,
  toPostgresText,
  visibleNul,
} from "@/lib/postgres-text";

describe("text made safe for Postgres", () => {
  it("shows a NUL as ␀ and a lone surrogate as U+FFFD, keeping valid pairs", () => {
    expect(toPostgresText("1.0\u0000")).toBe(`1.0${visibleNul}`);
    expect(toPostgresText("a\uD800b\uDC00c😀")).toBe("a\uFFFDb\uFFFDc😀");
    expect(textProblemOf("fine")).toBeNull();
    expect(textProblemOf("x\u0000")).toBe("nul");
    expect(textProblemOf("\uDBFF")).toBe("lone_surrogate");
  });

  it("caps long strings within the limit, note included, without splitting a surrogate pair, and says so", () => {
    const capped = toPostgresText("x".repeat(100), 50);
    expect(capped).toBe(`${"x".repeat(23)}… (77 more characters cut)`);
    expect(capped.length).toBeLessThanOrEqual(50);
    expect(toPostgresText(capped, 50)).toBe(capped);
    const emoji = toPostgresText(`${"a".repeat(24)}😀${"b".repeat(40)}`, 51);
    expect(emoji).toBe(`${"a".repeat(24)}… (42 more characters cut)`);
  });

  it("decodes raw bytes (gzip, invalid UTF-8) to storable text within the byte cap", () => {
    const gzip = gzipSync(Buffer.from("x".repeat(10_000)));
    const text = bytesToPostgresText(
      Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0xc3]), gzip]),
      1024,
    );
    expect(text).toContain("\uFFFD");
    expect(text).toContain(visibleNul);
    expect(textProblemOf(text)).toBeNull();
  });

  it("cleans JSON keys and values, drops what JSON cannot hold, and bounds size", () => {
    expect(
      toPostgresJson({
        "k\u0000": "v\u0000",
        n: Number.NaN,
        b: BigInt(5),
        f: () => 1,
        list: ["\uD800", undefined],
      }),
    ).toEqual({
      [`k${visibleNul}`]: `v${visibleNul}`,
      n: null,
      b: "5",
      list: ["\uFFFD", null],
    });
    const deep = toPostgresJson({ a: { b: { c: { d: 1 } } } }, { maxDepth: 2 });
    expect(deep).toEqual({ a: { b: "… (nested too deep, cut)" } });
    expect(
      Object.keys(
        toPostgresJson(
          Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
        ) as object,
      ),
    ).toHaveLength(200);
  });

  it("finds every refused string in a parsed input with its path", () => {
    expect(
      findTextProblems({ title: "ok", sections: [{ body: "bad\u0000" }], "key\uD800": 1 }),
    ).toEqual([
      { path: ["sections", 0, "body"], problem: "nul" },
      { path: ["key\uD800"], problem: "lone_surrogate" },
    ]);
  });

  it("round-trips through real Postgres text and jsonb, where the raw values are refused", async () => {
    const poisoned = "1.0\u0000\uD800";
    await expect(db.$queryRaw`SELECT ${poisoned}::text AS value`).rejects.toThrow();
    await expect(
      db.$queryRawUnsafe(`SELECT $1::jsonb AS value`, JSON.stringify({ v: poisoned })),
    ).rejects.toThrow();
    const [row] = await db.$queryRaw<{ text: string; json: unknown }[]>`
      SELECT ${toPostgresText(poisoned)}::text AS text, ${JSON.stringify(toPostgresJson({ v: poisoned }))}::jsonb AS json`;
    expect(row).toEqual({ text: `1.0${visibleNul}\uFFFD`, json: { v: `1.0${visibleNul}\uFFFD` } });
  });
});
