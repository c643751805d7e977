import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isIP } from "node:net";

export type SelfSignedCertificateOptions = {
  /** Defaults to the first DNS name, else the first IP address, else "vigil-test". */
  commonName?: string;
  altNames?: { dns?: string[]; ip?: string[] };
  /** Both are kept to the second: X.509 times have no fractions. */
  notBefore: Date;
  notAfter: Date;
};

export type SelfSignedCertificate = { key: string; cert: string };

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const value = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(value.length), value]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 | tagNumber, content);
const octetString = (content: Buffer) => tlv(0x04, content);
const bitString = (content: Buffer, unusedBits = 0) =>
  tlv(0x03, Buffer.from([unusedBits]), content);
const booleanTrue = tlv(0x01, Buffer.from([0xff]));

function smallInteger(value: number): Buffer {
  return tlv(0x02, Buffer.from([value]));
}

function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let high = arc >>> 7; high > 0; high >>>= 7) groups.unshift((high & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const oids = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
};

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

// RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950), always in UTC with seconds.
function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050)
    return tlv(0x17, Buffer.from(`${pad(year % 100)}${rest}`, "ascii"));
  return tlv(0x18, Buffer.from(`${pad(year, 4)}${rest}`, "ascii"));
}

function ipv4Bytes(address: string): number[] {
  return address.split(".").map(Number);
}

function ipv6Bytes(address: string): Buffer {
  // An embedded IPv4 tail (::ffff:127.0.0.1) becomes its two hex groups, leaving only "::" to expand.
  const text = address.replace(
    /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_match, a: string, b: string, c: string, d: string) =>
      [
        ((Number(a) << 8) | Number(b)).toString(16),
        ((Number(c) << 8) | Number(d)).toString(16),
      ].join(":"),
  );
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((group) => parseInt(group, 16));
  const [head = "", tail] = text.split("::");
  const before = parse(head);
  const after = tail === undefined ? [] : parse(tail);
  const groups = [
    ...before,
    ...new Array<number>(8 - before.length - after.length).fill(0),
    ...after,
  ];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(group, index * 2));
  return bytes;
}

function ipAddressBytes(address: string): Buffer {
  const family = isIP(address);
  if (family === 4) return Buffer.from(ipv4Bytes(address));
  if (family === 6) return ipv6Bytes(address);
  throw new Error(`"${address}" is not an IP address.`);
}

function name(commonName: string): Buffer {
  return sequence(
    set(sequence(objectIdentifier(oids.commonName), tlv(0x0c, Buffer.from(commonName, "utf8")))),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [booleanTrue] : []), octetString(value));
}

function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  // Positive and minimal: the top bit clear (not negative) and the next one set (no leading zero byte needed).
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return tlv(0x02, bytes);
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/**
 * A self-signed X.509 v3 certificate (ECDSA P-256, SHA-256) that is its own trust anchor: give `cert` to a client as
 * its `ca` and to a server with `key`. Built with node:crypto alone, so tests need no openssl binary.
 */
export function makeSelfSignedCertificate(
  options: SelfSignedCertificateOptions,
): SelfSignedCertificate {
  const notBefore = wholeSeconds(options.notBefore);
  const notAfter = wholeSeconds(options.notAfter);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime()))
    throw new Error("notBefore and notAfter must be valid dates.");
  if (notAfter <= notBefore) throw new Error("notAfter must be after notBefore.");
  const dns = options.altNames?.dns ?? [];
  const ips = options.altNames?.ip ?? [];
  const commonName = options.commonName ?? dns[0] ?? ips[0] ?? "vigil-test";

  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const algorithm = sequence(objectIdentifier(oids.ecdsaWithSha256));
  const subject = name(commonName);
  const generalNames = [
    ...dns.map((dnsName) => tlv(0x82, Buffer.from(dnsName, "ascii"))),
    ...ips.map((address) => tlv(0x87, ipAddressBytes(address))),
  ];
  const extensions = [
    extension(oids.basicConstraints, true, sequence(booleanTrue)),
    // digitalSignature (bit 0) for the TLS handshake, keyCertSign (bit 5) because it signs itself as a CA.
    extension(oids.keyUsage, true, bitString(Buffer.from([0x84]), 2)),
    ...(generalNames.length > 0
      ? [extension(oids.subjectAltName, false, sequence(...generalNames))]
      : []),
  ];
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    serialNumber(),
    algorithm,
    subject,
    sequence(time(notBefore), time(notAfter)),
    subject,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign("sha256", tbs, privateKey);
  const certificate = sequence(tbs, algorithm, bitString(signature));
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    cert: pem("CERTIFICATE", certificate),
  };
}
