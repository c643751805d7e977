import { describe, expect, it } from "vitest";
import { judgeAddress, judgeUrlSyntax, parseAddress, parseAllowRule } from "@/lib/outbound/policy";

const none: ReturnType<typeof parseAllowRule>[] = [];

describe("outbound URL policy", () => {
  it("allows public http and https, refuses other schemes and credentials", () => {
    expect(judgeUrlSyntax("https://mcp.holoscript.net/health", none).allowed).toBe(true);
    expect(judgeUrlSyntax("http://93.184.216.34/", none).allowed).toBe(true);
    for (const url of ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)", "https://user:pw@example.com/"]) {
      expect(judgeUrlSyntax(url, none).allowed, url).toBe(false);
    }
  });

  it("never allows cloud metadata, in any spelling, even with an allow rule", () => {
    const everything = [parseAllowRule("0.0.0.0/0"), parseAllowRule("::/0")];
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://2852039166/",
      "http://0xa9.0xfe.0xa9.0xfe/",
      "http://0251.0376.0251.0376/",
      "http://metadata.google.internal/computeMetadata/v1/",
      "http://metadata.google.internal./",
      "http://[fd00:ec2::254]/",
      "http://100.100.100.200/",
    ]) {
      expect(judgeUrlSyntax(url, everything).allowed, url).toBe(false);
    }
    expect(() => parseAllowRule("169.254.169.254")).toThrow();
  });

  it("refuses loopback, private and link-local addresses in their various spellings unless allowed", () => {
    for (const url of [
      "http://127.0.0.1:4101/",
      "http://localhost:4101/",
      "http://api.localhost/",
      "http://2130706433/",
      "http://0x7f000001/",
      "http://017700000001/",
      "http://127.1/",
      "http://0.0.0.0/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://[0:0:0:0:0:ffff:7f00:1]/",
      "http://[64:ff9b::7f00:1]/",
      "http://10.1.2.3/",
      "http://172.20.0.1/",
      "http://192.168.1.1/",
      "http://100.64.0.1/",
      "http://169.254.10.10/",
      "http://[fe80::1]/",
      "http://[fd12:3456::1]/",
    ]) {
      expect(judgeUrlSyntax(url, none).allowed, url).toBe(false);
    }
  });

  it("lets an admin rule allow exactly its addresses and ports", () => {
    const rules = [parseAllowRule("127.0.0.1:4100-4199"), parseAllowRule("10.0.0.0/8"), parseAllowRule("[::1]:5000")];
    expect(judgeAddress("127.0.0.1", 4101, rules).allowed).toBe(true);
    expect(judgeAddress("127.0.0.1", 4200, rules).allowed).toBe(false);
    expect(judgeAddress("127.0.0.2", 4101, rules).allowed).toBe(false);
    expect(judgeAddress("10.9.8.7", 443, rules).allowed).toBe(true);
    expect(judgeAddress("::1", 5000, rules).allowed).toBe(true);
    expect(judgeAddress("::ffff:127.0.0.1", 4150, rules).allowed).toBe(true);
    expect(judgeUrlSyntax("http://localhost:4150/", rules).allowed).toBe(true);
  });

  it("parses addresses, including IPv4 carried in IPv6", () => {
    expect(parseAddress("::ffff:7f00:1")).toEqual({ family: 4, bytes: [127, 0, 0, 1] });
    expect(parseAddress("2001:db8::1")?.family).toBe(6);
    expect(parseAddress("not-an-ip")).toBeNull();
  });

  it("rejects malformed allow rules with a field error", () => {
    for (const rule of ["", "example.com", "10.0.0.0/33", "127.0.0.1:0", "127.0.0.1:9-1", "[::1]:99999"]) {
      expect(() => parseAllowRule(rule), rule).toThrow(expect.objectContaining({ code: "validation_failed" }));
    }
  });
});
