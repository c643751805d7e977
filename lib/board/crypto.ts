import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const algorithm = "aes-256-gcm";
const ivBytes = 12;
const formatVersion = "v1";

/** AES-256-GCM with a fresh random IV each time: `v1:<iv>:<tag>:<ciphertext>`, each part base64. */
export function encryptSecret(plaintext: string, key: Buffer): string {
  if (key.length !== 32) throw new Error("The encryption key must be 32 bytes.");
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv(algorithm, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    formatVersion,
    iv.toString("base64"),
    cipher.getAuthTag().toString("base64"),
    ciphertext.toString("base64"),
  ].join(":");
}

/** The plaintext, or null when the text is not ours or the key is not the one it was sealed with. */
export function decryptSecret(sealed: string, key: Buffer): string | null {
  const [version, iv, tag, ciphertext] = sealed.split(":");
  if (version !== formatVersion || !iv || !tag || ciphertext === undefined || key.length !== 32)
    return null;
  try {
    const decipher = createDecipheriv(algorithm, key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

/** What people may see of a key: its last four characters. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}

/** Removes every occurrence of the secret (and of its Bearer form) from text that may be shown or logged. */
export function scrubSecret(text: string, secret: string | null): string {
  if (!secret) return text;
  return text.split(secret).join("[redacted key]");
}
