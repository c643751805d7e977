import { z } from "zod";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token after what will use it.").max(100),
  ownerEmail: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().trim().toLowerCase().email().optional(),
  ),
  expiresInDays: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce.number().int().min(1).max(3650).optional(),
  ),
});

export const revokeTokenSchema = z.object({ tokenId: z.string().uuid("Not a token id.") });
