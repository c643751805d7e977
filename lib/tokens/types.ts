import type { z } from "zod";
import type { createTokenSchema, revokeTokenSchema } from "@/lib/tokens/schema";

export type CreateTokenInput = z.input<typeof createTokenSchema>;
export type RevokeTokenInput = z.input<typeof revokeTokenSchema>;

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  owner: { id: string; email: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  state: "active" | "expired" | "revoked";
};
