import { describe, expect, it } from "vitest";
import { safeHref, splitLinks } from "@/lib/incidents/linkify";

describe("splitLinks", () => {
  it("keeps markup as text and turns the URL into a link", () => {
    const input = "<img src=x onerror=alert(1)><script>alert(2)</script> https://example.com/x";
    expect(splitLinks(input)).toEqual([
      { kind: "text", text: "<img src=x onerror=alert(1)><script>alert(2)</script> " },
      { kind: "link", text: "https://example.com/x", href: "https://example.com/x" },
    ]);
  });

  it("never links a javascript: or data: URL", () => {
    const segments = splitLinks(
      "javascript:alert(1) and data:text/html,<b>x</b> and JAVASCRIPT://x",
    );
    expect(segments.every((segment) => segment.kind === "text")).toBe(true);
    expect(segments.map((segment) => segment.text).join("")).toBe(
      "javascript:alert(1) and data:text/html,<b>x</b> and JAVASCRIPT://x",
    );
  });

  it("leaves sentence punctuation and an unopened bracket outside the link", () => {
    expect(
      splitLinks("See https://railway.app/project/1. Then (logs at https://logs.test/q?x=(1)), ok"),
    ).toEqual([
      { kind: "text", text: "See " },
      {
        kind: "link",
        text: "https://railway.app/project/1",
        href: "https://railway.app/project/1",
      },
      { kind: "text", text: ". Then (logs at " },
      { kind: "link", text: "https://logs.test/q?x=(1)", href: "https://logs.test/q?x=(1)" },
      { kind: "text", text: "), ok" },
    ]);
  });

  it("finds several links, upper-case schemes included, and stops at quotes and angle brackets", () => {
    const segments = splitLinks('HTTPS://A.test/1 "http://b.test/2" <http://c.test/3>');
    expect(
      segments
        .filter((segment) => segment.kind === "link")
        .map((segment) => segment.kind === "link" && segment.href),
    ).toEqual(["https://a.test/1", "http://b.test/2", "http://c.test/3"]);
  });

  it("does not link a scheme glued to a word or a URL without a host", () => {
    expect(splitLinks("xhttps://evil.test and http:// alone")).toEqual([
      { kind: "text", text: "xhttps://evil.test and http:// alone" },
    ]);
  });

  it("returns plain text unchanged, and nothing for an empty string", () => {
    expect(splitLinks("rolled back to v6.2.1")).toEqual([
      { kind: "text", text: "rolled back to v6.2.1" },
    ]);
    expect(splitLinks("")).toEqual([]);
  });
});

describe("safeHref", () => {
  it("accepts http(s) only", () => {
    expect(safeHref("https://example.com/a b")).toBe("https://example.com/a%20b");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("ftp://example.com")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
  });
});
