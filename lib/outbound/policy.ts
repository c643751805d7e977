import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";

/**
 * One outbound policy for every URL Vigil calls (health targets, webhooks, HoloMesh), applied on save,
 * on "check now" and at connect time after DNS (and on each redirect): http/https only, never a cloud
 * metadata address, and loopback, private, link-local or other non-public addresses only where an
 * admin's allow rule covers the address and port.
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
  const all = [...leftGroups, ...new Array<string>(right === undefined ? 0 : missing).fill("0"), ...rightGroups];
  const bytes = all.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
  if (tailV4.length === 4) bytes.splice(12, 4, ...tailV4);
  return bytes.length === 16 ? bytes : null;
}

/** Parses an address; IPv4 inside IPv6 (::ffff:a.b.c.d, 64:ff9b::a.b.c.d) is judged as the IPv4 it carries. */
export function parseAddress(text: string): { family: Family; bytes: number[] } | null {
  const v4 = parseIPv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(text);
  if (!v6) return null;
  const mapped = v6.slice(0, 10).every((byte) => byte === 0) && v6[10] === 0xff && v6[11] === 0xff;
  const nat64 = v6[0] === 0x00 && v6[1] === 0x64 && v6[2] === 0xff && v6[3] === 0x9b && v6.slice(4, 12).every((byte) => byte === 0);
  if (mapped || nat64) return { family: 4, bytes: v6.slice(12) };
  return { family: 6, bytes: v6 };
}

function range(text: string): Range {
  const [address = "", prefix] = text.split("/");
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`bad range ${text}`);
  return { family: parsed.family, bytes: parsed.bytes, prefix: prefix === undefined ? parsed.bytes.length * 8 : Number(prefix) };
}

function inRange(address: { family: Family; bytes: number[] }, target: Range): boolean {
  if (address.family !== target.family) return false;
  let bits = target.prefix;
  for (let index = 0; bits > 0; index++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((address.bytes[index] ?? 0) & mask) !== ((target.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

const metadataRanges = ["169.254.169.254/32", "169.254.170.2/32", "100.100.100.200/32", "fd00:ec2::254/128"].map(range);
const metadataHosts = new Set(["metadata.google.internal", "metadata", "metadata.azure.internal", "instance-data", "instance-data.ec2.internal"]);

const nonPublicRanges: Array<{ range: Range; label: string }> = [
  ["0.0.0.0/8", "an unspecified address"],
  ["127.0.0.0/8", "a loopback address"],
  ["10.0.0.0/8", "a private address"],
  ["172.16.0.0/12", "a private address"],
  ["192.168.0.0/16", "a private address"],
  ["100.64.0.0/10", "a carrier-grade NAT address"],
  ["169.254.0.0/16", "a link-local address"],
  ["192.0.0.0/24", "a reserved address"],
  ["198.18.0.0/15", "a benchmarking address"],
  ["224.0.0.0/4", "a multicast address"],
  ["240.0.0.0/4", "a reserved address"],
  ["::/128", "an unspecified address"],
  ["::1/128", "a loopback address"],
  ["fc00::/7", "a private address"],
  ["fe80::/10", "a link-local address"],
  ["ff00::/8", "a multicast address"],
].map(([text, label]) => ({ range: range(text as string), label: label as string }));

export function parseAllowRule(text: string): AllowRule {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+)(?:-(\d+))?)?$/.exec(trimmed);
  const v4WithPort = /^([0-9./]+):(\d+)(?:-(\d+))?$/.exec(trimmed);
  const [, address, low, high] = bracketed ?? v4WithPort ?? [null, trimmed, undefined, undefined];
  const fail = () => validationError({ rule: ["Write an address or CIDR range, optionally with :port or :low-high (IPv6 in [brackets])."] });
  let parsedRange: Range;
  try {
    parsedRange = range(address ?? "");
  } catch {
    throw fail();
  }
  const maxPrefix = parsedRange.family === 4 ? 32 : 128;
  if (!Number.isInteger(parsedRange.prefix) || parsedRange.prefix < 0 || parsedRange.prefix > maxPrefix) throw fail();
  if (metadataRanges.some((metadata) => inRange({ family: parsedRange.family, bytes: parsedRange.bytes }, metadata) && parsedRange.prefix >= metadata.prefix)) {
    throw validationError({ rule: ["Cloud metadata addresses can never be allowed."] });
  }
  const ports: [number, number] | null = low ? [Number(low), Number(high ?? low)] : null;
  if (ports && (ports[0] < 1 || ports[1] > 65535 || ports[0] > ports[1])) throw fail();
  return { text: trimmed, range: parsedRange, ports };
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export function judgeAddress(address: string, port: number, rules: AllowRule[]): AddressVerdict {
  const parsed = parseAddress(address);
  if (!parsed) return { allowed: false, reason: `${address} is not an IP address.` };
  if (metadataRanges.some((metadata) => inRange(parsed, metadata))) {
    return { allowed: false, reason: `${address} is a cloud metadata address; Vigil never calls it.` };
  }
  const nonPublic = nonPublicRanges.find((candidate) => inRange(parsed, candidate.range));
  if (!nonPublic) return { allowed: true };
  const covered = rules.some((rule) => inRange(parsed, rule.range) && (!rule.ports || (port >= rule.ports[0] && port <= rule.ports[1])));
  return covered
    ? { allowed: true }
    : { allowed: false, reason: `${address}:${port} is ${nonPublic.label}; an admin must allow it under Settings → Outbound allow-list.` };
}

export function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/** What can be judged without DNS: the scheme, metadata host names, and IP literals. */
export function judgeUrlSyntax(value: string, rules: AllowRule[]): AddressVerdict {
  if (!URL.canParse(value)) return { allowed: false, reason: "That is not a URL." };
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") return { allowed: false, reason: "Only http and https URLs are allowed." };
  if (url.username || url.password) return { allowed: false, reason: "Put credentials in headers or settings, not in the URL." };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.$/, "");
  if (metadataHosts.has(host)) return { allowed: false, reason: `${host} is a cloud metadata host; Vigil never calls it.` };
  if (isIP(host)) return judgeAddress(host, defaultPort(url), rules);
  if (host === "localhost" || host.endsWith(".localhost")) return judgeAddress("127.0.0.1", defaultPort(url), rules);
  return { allowed: true };
}

const rulesCacheMs = 5_000;
let cachedRules: { at: number; rules: AllowRule[] } | null = null;

export async function loadAllowRules(options: { fresh?: boolean } = {}): Promise<AllowRule[]> {
  if (!options.fresh && cachedRules && Date.now() - cachedRules.at < rulesCacheMs) return cachedRules.rules;
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

export function forgetCachedAllowRules(): void {
  cachedRules = null;
}

/** On save: the syntax check, then the addresses the name resolves to now, if it resolves. */
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
  for (const { address } of addresses) {
    const resolved = judgeAddress(address, defaultPort(url), rules);
    if (!resolved.allowed) throw validationError({ [field]: [`${host} resolves to ${resolved.reason}`] });
  }
}
