import { createHash, randomBytes } from "node:crypto";

const tokenPattern = /^vgl_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export function generateTokenSecret(): { secret: string; prefix: string } {
  const id = randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8);
  const secret = `vgl_${id}_${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: `vgl_${id}` };
}

// The secret has 256 bits of entropy, so a fast hash is enough: there is nothing to brute-force.
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function looksLikeTokenSecret(value: string): boolean {
  return tokenPattern.test(value);
}
