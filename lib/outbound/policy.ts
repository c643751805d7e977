import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";

/**
 * One outbound policy for every URL Vigil calls (health targets, webhooks, HoloMesh), applied on save,
 * on "check now" and at connect time after DNS (and on each redirect): http/https only, never a cloud
 * metadata address (in any IPv6 form that carries it), and this machine's own addresses, loopback, private,
 * link-local, documentation or other non-public addresses only where an admin's allow rule covers the
 * address and port.
 */

type Family = 4 | 6;
type Range = { family: Family; bytes: number[]; prefix: number };
export type AllowRule = { text: string; range: Range; ports: [number, number] | null };

export class PolicyError extends AppError {
  constructor(message: string) {
    super("validation_failed", message);
    this.name = "PolicyError";
  }
}

function parseIPv4(text: string): number[] | null {
  if (isIP(text) !== 4) return null;
  return text.split(".").map(Number);
}

function parseIPv6(text: string): number[] | null {
  const address = text.replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  if (isIP(address) !== 6) return null;
  let head = address;
  let tailV4: number[] = [];
  const lastColon = address.lastIndexOf(":");
  const maybeV4 = address.slice(lastColon + 1);
  if (maybeV4.includes(".")) {
    tailV4 = parseIPv4(maybeV4) ?? [];
    head = `${address.slice(0, lastColon)}:${tailV4.length ? "0:0" : ""}`;
  }
  const [left = "", right] = head.split("::");
  const groups = (part: string) => (part ? part.split(":").filter((group) => group !== "") : []);
  const leftGroups = groups(left);
  const rightGroups = right === undefined ? [] : groups(right);
  const missing = 8 - leftGroups.length - rightGroups.length;
  const all = [
    ...leftGroups,
    ...new Array<string>(right === undefined ? 0 : missing).fill("0"),
    ...rightGroups,
  ];
  const bytes = all.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
  if (tailV4.length === 4) bytes.splice(12, 4, ...tailV4);
  return bytes.length === 16 ? bytes : null;
}

type Address = { family: Family; bytes: number[] };

const startsWith = (bytes: number[], prefix: number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);
const zeros = (count: number) => new Array<number>(count).fill(0);

/**
 * The IPv4 address an IPv6 address carries, for every form that embeds one, or null. A connection to any of
 * these forms ends at (or is relayed to) that IPv4 address, so it must be judged as that address.
 */
function embeddedIPv4(bytes: number[]): number[] | null {
  const last32 = bytes.slice(12, 16);
  // IPv4-mapped ::ffff:a.b.c.d
  if (startsWith(bytes, [...zeros(10), 0xff, 0xff])) return last32;
  // IPv4-translated ::ffff:0:a.b.c.d (SIIT)
  if (startsWith(bytes, [...zeros(8), 0xff, 0xff, 0, 0])) return last32;
  // IPv4-compatible ::a.b.c.d (deprecated); :: and ::1 stay the IPv6 unspecified and loopback addresses
  if (
    startsWith(bytes, zeros(12)) &&
    !(last32[0] === 0 && last32[1] === 0 && last32[2] === 0 && (last32[3] ?? 0) <= 1)
  )
    return last32;
  // NAT64 well-known prefix 64:ff9b::/96
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, ...zeros(8)])) return last32;
  // NAT64 local-use prefix 64:ff9b:1::/48 (RFC 8215): the IPv4 address is in the last 32 bits
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01])) return last32;
  // 6to4 2002:AABB:CCDD::/16 carries a.b.c.d in bytes 2 to 5
  if (startsWith(bytes, [0x20, 0x02])) return bytes.slice(2, 6);
  // Teredo 2001:0::/32: the client's IPv4 address is the last 32 bits, inverted
  if (startsWith(bytes, [0x20, 0x01, 0x00, 0x00])) return last32.map((byte) => byte ^ 0xff);
  return null;
}

/** Parses an address; an IPv6 form that carries an IPv4 address (mapped, translated, compatible, NAT64, 6to4, Teredo) is judged as that IPv4 address. */
export function parseAddress(text: string): Address | null {
  const v4 = parseIPv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(text);
  if (!v6) return null;
  const carried = embeddedIPv4(v6);
  return carried ? { family: 4, bytes: carried } : { family: 6, bytes: v6 };
}

function range(text: string): Range {
  const [address = "", prefix] = text.split("/");
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`bad range ${text}`);
  // A range written in an IPv6 form that carries IPv4 (2002::/16, ::ffff:0:0/96) would mean something else once judged as IPv4.
  if (prefix !== undefined && address.includes(":") && parsed.family === 4)
    throw new Error(`write ${text} as the IPv4 range it carries`);
  return {
    family: parsed.family,
    bytes: parsed.bytes,
    prefix: prefix === undefined ? parsed.bytes.length * 8 : Number(prefix),
  };
}

function inRange(address: Address, target: Range): boolean {
  if (address.family !== target.family) return false;
  let bits = target.prefix;
  for (let index = 0; bits > 0; index++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address.bytes[index] ?? 0) & mask) !== ((target.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

const metadataRanges = [
  "169.254.169.254/32",
  "169.254.170.2/32",
  "100.100.100.200/32",
  "fd00:ec2::254/128",
].map(range);
const metadataHosts = new Set([
  "metadata.google.internal",
  "metadata",
  "metadata.azure.internal",
  "instance-data",
  "instance-data.ec2.internal",
]);

const nonPublicRanges: Array<{ range: Range; label: string }> = [
  ["0.0.0.0/8", "an unspecified address"],
  ["127.0.0.0/8", "a loopback address"],
  ["10.0.0.0/8", "a private address"],
  ["172.16.0.0/12", "a private address"],
  ["192.168.0.0/16", "a private address"],
  ["100.64.0.0/10", "a carrier-grade NAT address"],
  ["169.254.0.0/16", "a link-local address"],
  ["192.0.0.0/24", "a reserved address"],
  ["192.0.2.0/24", "a documentation (TEST-NET-1) address"],
  ["198.51.100.0/24", "a documentation (TEST-NET-2) address"],
  ["203.0.113.0/24", "a documentation (TEST-NET-3) address"],
  ["198.18.0.0/15", "a benchmarking address"],
  ["224.0.0.0/4", "a multicast address"],
  ["255.255.255.255/32", "the broadcast address"],
  ["240.0.0.0/4", "a reserved address"],
  ["::/128", "an unspecified address"],
  ["::1/128", "a loopback address"],
  ["100::/64", "a discard-only address"],
  ["2001:2::/48", "a benchmarking address"],
  ["2001:db8::/32", "a documentation address"],
  ["3fff::/20", "a documentation address"],
  ["fc00::/7", "a private address"],
  ["fe80::/10", "a link-local address"],
  ["ff00::/8", "a multicast address"],
].map(([text, label]) => ({ range: range(text as string), label: label as string }));

export function parseAllowRule(text: string): AllowRule {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+)(?:-(\d+))?)?$/.exec(trimmed);
  const v4WithPort = /^([0-9./]+):(\d+)(?:-(\d+))?$/.exec(trimmed);
  const [, address, low, high] = bracketed ?? v4WithPort ?? [null, trimmed, undefined, undefined];
  const fail = () =>
    validationError({
      rule: [
        "Write an address or CIDR range, optionally with :port or :low-high (IPv6 in [brackets]).",
      ],
    });
  let parsedRange: Range;
  try {
    parsedRange = range(address ?? "");
  } catch {
    throw fail();
  }
  const maxPrefix = parsedRange.family === 4 ? 32 : 128;
  if (
    !Number.isInteger(parsedRange.prefix) ||
    parsedRange.prefix < 0 ||
    parsedRange.prefix > maxPrefix
  )
    throw fail();
  if (
    metadataRanges.some(
      (metadata) =>
        inRange({ family: parsedRange.family, bytes: parsedRange.bytes }, metadata) &&
        parsedRange.prefix >= metadata.prefix,
    )
  ) {
    throw validationError({ rule: ["Cloud metadata addresses can never be allowed."] });
  }
  const ports: [number, number] | null = low ? [Number(low), Number(high ?? low)] : null;
  if (ports && (ports[0] < 1 || ports[1] > 65535 || ports[0] > ports[1])) throw fail();
  return { text: trimmed, range: parsedRange, ports };
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const ownAddressesCacheMs = 5_000;
let cachedOwnAddresses: { at: number; addresses: Address[] } | null = null;

/** Every address of this machine's network interfaces, both families (re-read every few seconds: DHCP, new interfaces). */
function ownAddresses(): Address[] {
  if (cachedOwnAddresses && Date.now() - cachedOwnAddresses.at < ownAddressesCacheMs)
    return cachedOwnAddresses.addresses;
  const addresses = Object.values(networkInterfaces()).flatMap((entries) =>
    (entries ?? []).flatMap((entry) => {
      const parsed = parseAddress(entry.address);
      return parsed ? [parsed] : [];
    }),
  );
  cachedOwnAddresses = { at: Date.now(), addresses };
  return addresses;
}

const sameAddress = (left: Address, right: Address) =>
  left.family === right.family && left.bytes.every((byte, index) => right.bytes[index] === byte);

function withPort(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * The one place that decides whether Vigil may connect to an address and port: never to cloud metadata (in any
 * form that carries it); to this machine's own addresses and to loopback, private, link-local, documentation and
 * other non-public addresses only where an admin's allow rule covers the address and port.
 */
export function judgeAddress(address: string, port: number, rules: AllowRule[]): AddressVerdict {
  const parsed = parseAddress(address);
  if (!parsed) return { allowed: false, reason: `${address} is not an IP address.` };
  const carried =
    parsed.family === 4 && isIP(address) === 6
      ? ` (it carries the IPv4 address ${parsed.bytes.join(".")})`
      : "";
  if (metadataRanges.some((metadata) => inRange(parsed, metadata))) {
    return {
      allowed: false,
      reason: `${address}${carried} is a cloud metadata address; Vigil never calls it.`,
    };
  }
  const nonPublic = nonPublicRanges.find((candidate) => inRange(parsed, candidate.range));
  const own = ownAddresses().some((candidate) => sameAddress(candidate, parsed));
  if (!nonPublic && !own) return { allowed: true };
  const covered = rules.some(
    (rule) =>
      inRange(parsed, rule.range) &&
      (!rule.ports || (port >= rule.ports[0] && port <= rule.ports[1])),
  );
  if (covered) return { allowed: true };
  const what = own
    ? `an address of Vigil's own machine${nonPublic ? ` (${nonPublic.label})` : ""}`
    : nonPublic?.label;
  return {
    allowed: false,
    reason: `${withPort(address, port)}${carried} is ${what}; an admin must allow it under Settings → Outbound allow-list.`,
  };
}

/**
 * Which of the addresses a name resolved to Vigil may connect to. Only those are ever handed to the connection;
 * a name whose addresses are all refused is refused with every address named (see lib/outbound/http-client.ts).
 */
export function judgeResolvedAddresses<Resolved extends { address: string }>(
  host: string,
  resolved: Resolved[],
  port: number,
  rules: AllowRule[],
): { allowed: Resolved[]; refusal: string | null } {
  const allowed: Resolved[] = [];
  const reasons: string[] = [];
  for (const candidate of resolved) {
    const verdict = judgeAddress(candidate.address, port, rules);
    if (verdict.allowed) allowed.push(candidate);
    else reasons.push(verdict.reason);
  }
  if (allowed.length > 0 || resolved.length === 0) return { allowed, refusal: null };
  const names = resolved.map((candidate) => candidate.address).join(", ");
  return {
    allowed,
    refusal: `${host} resolves to ${names}, and Vigil may call none of them: ${reasons.join(" ")}`,
  };
}

export function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

const loopbackAddresses = ["127.0.0.1", "::1"];

/**
 * What can be judged without DNS: the scheme, metadata host names, IP literals, and localhost. A localhost name
 * resolves to 127.0.0.1, ::1 or both (it depends on the machine's hosts file), and only the allowed addresses are
 * ever connected to, so it passes when a rule covers either one; the connection itself judges what it resolves to.
 */
export function judgeUrlSyntax(value: string, rules: AllowRule[]): AddressVerdict {
  if (!URL.canParse(value)) return { allowed: false, reason: "That is not a URL." };
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { allowed: false, reason: "Only http and https URLs are allowed." };
  if (url.username || url.password)
    return { allowed: false, reason: "Put credentials in headers or settings, not in the URL." };
  const host = url.hostname
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.$/, "");
  if (metadataHosts.has(host))
    return { allowed: false, reason: `${host} is a cloud metadata host; Vigil never calls it.` };
  if (isIP(host)) return judgeAddress(host, defaultPort(url), rules);
  if (host === "localhost" || host.endsWith(".localhost")) {
    const loopback = loopbackAddresses.map((address) => ({ address }));
    const { refusal } = judgeResolvedAddresses(host, loopback, defaultPort(url), rules);
    return refusal ? { allowed: false, reason: refusal } : { allowed: true };
  }
  return { allowed: true };
}

const rulesCacheMs = 5_000;
let cachedRules: { at: number; rules: AllowRule[] } | null = null;

export async function loadAllowRules(options: { fresh?: boolean } = {}): Promise<AllowRule[]> {
  if (!options.fresh && cachedRules && Date.now() - cachedRules.at < rulesCacheMs)
    return cachedRules.rules;
  const rows = await db.outboundAllowRule.findMany({ select: { rule: true } });
  const rules = rows.flatMap((row) => {
    try {
      return [parseAllowRule(row.rule)];
    } catch {
      return [];
    }
  });
  cachedRules = { at: Date.now(), rules };
  return rules;
}

/**
 * On save: the syntax check, then the addresses the name resolves to now, if it resolves. As at connect time, the
 * name is refused only when none of its addresses may be called.
 */
export async function assertUrlAllowedBySyntax(value: string, field: string): Promise<void> {
  const rules = await loadAllowRules({ fresh: true });
  const verdict = judgeUrlSyntax(value, rules);
  if (!verdict.allowed) throw validationError({ [field]: [verdict.reason] });
  const url = new URL(value);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return;
  // A name that does not resolve now may resolve later: the check will say so. Never wait long for DNS here.
  const addresses = await Promise.race([
    dnsLookup(host, { all: true }).catch(() => []),
    new Promise<[]>((resolve) => setTimeout(() => resolve([]), 2_000).unref()),
  ]);
  const { refusal } = judgeResolvedAddresses(host, addresses, defaultPort(url), rules);
  if (refusal) throw validationError({ [field]: [refusal] });
}
