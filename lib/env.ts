import { z } from "zod";

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

/** 32 bytes written as 64 hex digits or as base64; null for anything else. */
export function decodeSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, "base64");
    if (bytes.length === 32) return bytes;
  }
  return null;
}

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  VIGIL_DATA_DIR: z.string().default(".vigil"),
  VIGIL_EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  VIGIL_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  VIGIL_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  VIGIL_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  // Pages, API calls and server actions give up on the database after this long and answer 503 (under 5 s).
  VIGIL_DB_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(3_500),
  // How long the poller keeps checking without its lock while the database cannot be reached.
  VIGIL_POLLER_MAX_PROVISIONAL_MS: z.coerce
    .number()
    .int()
    .min(10_000)
    .max(24 * 3_600_000)
    .default(15 * 60_000),
  VIGIL_ADMIN_EMAIL: z.string().email().optional(),
  VIGIL_ADMIN_PASSWORD: z.string().min(12).optional(),
  VIGIL_TRUST_PROXY: booleanFlag,
  VIGIL_POLLER: z.enum(["on", "off"]).default("on"),
  VIGIL_FLEET_FILE: z.string().optional(),
  VIGIL_POLLER_CONCURRENCY: z.coerce.number().int().min(1).max(2_000).default(128),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Where contact-method email goes out, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start).
  VIGIL_SMTP_URL: z
    .string()
    .trim()
    .refine(
      (value) => URL.canParse(value) && ["smtp:", "smtps:"].includes(new URL(value).protocol),
      "VIGIL_SMTP_URL must be an smtp:// or smtps:// URL.",
    )
    .optional(),
  VIGIL_SMTP_FROM: z.string().trim().min(3).default("Vigil <vigil@localhost>"),
  HOLOMESH_API_KEY: z.string().trim().min(8).optional(),
  VIGIL_SECRET_KEY: z
    .string()
    .trim()
    .refine(
      (value) => decodeSecretKey(value) !== null,
      "VIGIL_SECRET_KEY must be 32 bytes, written as base64 or 64 hex digits.",
    )
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return result.data;
}

export const env = parseEnv(process.env);

/** Read at use, not at import: the starter and the CLI settle the database (maybe embedded) after loading modules. */
export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export const appVersion = process.env.npm_package_version ?? "0.1.0";

/** Where people reach this Vigil: links in notifications point here. */
export function publicUrl(): string {
  return (process.env.NEXTAUTH_URL || `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** Read at use, so tests and a restarted worker see the current value; blank counts as unset. */
export function holoMeshApiKeyFromEnv(): string | null {
  const value = process.env.HOLOMESH_API_KEY?.trim();
  return value ? value : null;
}

/** The key that encrypts a stored HoloMesh API key, or null when VIGIL_SECRET_KEY is unset or malformed. */
export function vigilSecretKey(): Buffer | null {
  const value = process.env.VIGIL_SECRET_KEY?.trim();
  return value ? decodeSecretKey(value) : null;
}

export type SmtpConfig = { url: string | null; from: string };

/** How contact-method email is sent; no URL means email is not configured. */
export function smtpConfigFromEnv(): SmtpConfig {
  return { url: env.VIGIL_SMTP_URL ?? null, from: env.VIGIL_SMTP_FROM };
}
