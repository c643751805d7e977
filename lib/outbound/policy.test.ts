import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import {
  judgeAddress,
  judgeResolvedAddresses,
  judgeUrlSyntax,
  parseAddress,
  parseAllowRule,
} from "@/lib/outbound/policy";

const none: ReturnType<typeof parseAllowRule>[] = [];

describe("outbound URL policy", () => {
  it("allows public http and https, refuses other schemes and credentials", () => {
    expect(judgeUrlSyntax("https://mcp.holoscript.net/health", none).allowed).toBe(true);
    expect(judgeUrlSyntax("http://93.184.216.34/", none).allowed).toBe(true);
    for (const url of [
      "ftp://example.com/",
      "file:///etc/passwd",
      "gopher://x/",
      "javascript:alert(1)",
      "https://user:pw@example.com/",
    ]) {
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
    const rules = [
      parseAllowRule("127.0.0.1:4100-4199"),
      parseAllowRule("10.0.0.0/8"),
      parseAllowRule("[::1]:5000"),
    ];
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
    for (const rule of [
      "",
      "example.com",
      "10.0.0.0/33",
      "127.0.0.1:0",
      "127.0.0.1:9-1",
      "[::1]:99999",
    ]) {
      expect(() => parseAllowRule(rule), rule).toThrow(
        expect.objectContaining({ code: "validation_failed" }),
      );
    }
  });

  it("refuses the documentation (TEST-NET) ranges and the broadcast address unless allowed", () => {
    for (const address of [
      "192.0.2.1",
      "198.51.100.7",
      "203.0.113.9",
      "255.255.255.255",
      "2001:db8::1",
      "2001:db8:ffff::9",
      "3fff::1",
    ]) {
      const verdict = judgeAddress(address, 443, none);
      expect(verdict.allowed, address).toBe(false);
      expect(verdict.allowed ? "" : verdict.reason, address).toMatch(
        /documentation|broadcast|own machine/,
      );
    }
    expect(judgeAddress("203.0.113.9", 443, [parseAllowRule("203.0.113.0/24:443")]).allowed).toBe(
      true,
    );
  });

  // 169.254.169.254 is a9fe:a9fe; inverted for Teredo it is 86.1.86.1 = 5601:5601.
  const metadataForms = [
    "::ffff:169.254.169.254",
    "::ffff:a9fe:a9fe",
    "::169.254.169.254",
    "::a9fe:a9fe",
    "::ffff:0:169.254.169.254",
    "::ffff:0:a9fe:a9fe",
    "2002:a9fe:a9fe::",
    "2002:a9fe:a9fe:1:2:3:4:5",
    "64:ff9b::169.254.169.254",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::a9fe:a9fe",
    "64:ff9b:1:abcd:1:2:a9fe:a9fe",
    "2001:0:4136:e378:8000:63bf:5601:5601",
    "2001::5601:5601",
  ];

  it("judges every IPv6 form that carries an IPv4 address as that address: cloud metadata is never called", () => {
    const everything = [parseAllowRule("0.0.0.0/0"), parseAllowRule("::/0")];
    for (const address of metadataForms) {
      expect(parseAddress(address), address).toEqual({ family: 4, bytes: [169, 254, 169, 254] });
      const verdict = judgeAddress(address, 80, everything);
      expect(verdict.allowed ? "" : verdict.reason, address).toContain("cloud metadata");
      expect(
        judgeUrlSyntax(`http://[${address}]/latest/meta-data/`, everything).allowed,
        address,
      ).toBe(false);
      expect(() => parseAllowRule(`[${address}]`), address).toThrow(
        expect.objectContaining({ code: "validation_failed" }),
      );
    }
  });

  it("judges the IPv4-carrying forms of loopback and private addresses as those addresses", () => {
    const forms: Array<[string, string]> = [
      ["::127.0.0.1", "127.0.0.1"],
      ["::7f00:1", "127.0.0.1"],
      ["::ffff:0:7f00:1", "127.0.0.1"],
      ["::ffff:0:10.1.2.3", "10.1.2.3"],
      ["2002:7f00:1::", "127.0.0.1"],
      ["2002:a01:203::1", "10.1.2.3"],
      ["2002:c0a8:101::", "192.168.1.1"],
      ["64:ff9b::a01:203", "10.1.2.3"],
      ["64:ff9b:1::7f00:1", "127.0.0.1"],
      ["64:ff9b:1::c0a8:101", "192.168.1.1"],
      ["2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1"],
      ["2001:0:4136:e378:8000:63bf:f5fe:fdfc", "10.1.2.3"],
    ];
    for (const [address, carried] of forms) {
      expect(parseAddress(address), address).toEqual(parseAddress(carried));
      const verdict = judgeAddress(address, 80, none);
      expect(verdict.allowed, address).toBe(false);
      expect(verdict.allowed ? "" : verdict.reason, address).toContain(
        `carries the IPv4 address ${carried}`,
      );
      expect(judgeUrlSyntax(`http://[${address}]/`, none).allowed, address).toBe(false);
      expect(judgeAddress(address, 80, [parseAllowRule(carried)]).allowed, address).toBe(true);
    }
    // The same forms around a public address stay public; :: and ::1 stay IPv6's own unspecified and loopback addresses.
    for (const address of [
      "2002:5db8:d822::1",
      "64:ff9b::5db8:d822",
      "64:ff9b:1::5db8:d822",
      "2001:0:4136:e378:8000:63bf:a247:27dd",
      "2606:4700::1111",
    ]) {
      expect(judgeAddress(address, 443, none).allowed, address).toBe(true);
    }
    expect(parseAddress("::1")?.family).toBe(6);
    expect(parseAddress("::")?.family).toBe(6);
    expect(() => parseAllowRule("[2002::]/16")).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
  });

  it("refuses this machine's own interface addresses, both families, unless an allow rule covers them", () => {
    const own = Object.values(networkInterfaces()).flatMap((entries) =>
      (entries ?? []).map((entry) => entry.address),
    );
    expect(own.length).toBeGreaterThan(1);
    for (const address of own) {
      const verdict = judgeAddress(address, 8443, none);
      expect(verdict.allowed ? "" : verdict.reason, address).toContain("Vigil's own machine");
      const rule = parseAllowRule(address.includes(":") ? `[${address}]:8443` : `${address}:8443`);
      expect(judgeAddress(address, 8443, [rule]).allowed, address).toBe(true);
      expect(judgeAddress(address, 8444, [rule]).allowed, address).toBe(false);
    }
  });

  it("lets a name through when one of its addresses is allowed, and names every address when none is", () => {
    const onlyV6 = [parseAllowRule("[::1]:4101")];
    const resolved = [
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ];
    expect(judgeResolvedAddresses("localhost", resolved, 4101, onlyV6)).toEqual({
      allowed: [{ address: "::1", family: 6 }],
      refusal: null,
    });
    const refused = judgeResolvedAddresses("localhost", resolved, 4102, onlyV6);
    expect(refused.allowed).toEqual([]);
    expect(refused.refusal).toContain("localhost resolves to 127.0.0.1, ::1");
    expect(refused.refusal).toContain("[::1]:4102");
    expect(refused.refusal).toContain("Settings → Outbound allow-list");
    // localhost may resolve to either loopback address, so a rule for either one lets it pass the save-time check.
    expect(judgeUrlSyntax("http://localhost:4101/", onlyV6).allowed).toBe(true);
    expect(
      judgeUrlSyntax("http://localhost:4101/", [parseAllowRule("127.0.0.1:4101")]).allowed,
    ).toBe(true);
    const none4101 = judgeUrlSyntax("http://localhost:4101/", none);
    expect(none4101.allowed ? "" : none4101.reason).toMatch(/127\.0\.0\.1.*::1/);
  });
});
