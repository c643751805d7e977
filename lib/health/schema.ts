import { z } from "zod";
import { bigintCursorSchema } from "@/lib/validation";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
export const checksQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: bigintCursorSchema.optional(),
});

export const statusFilterSchema = z.object({
  environment: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  tag: z.preprocess(blankToUndefined, z.string().max(40).optional()),
});

export const acceptBaselineSchema = z.object({
  figure: z.string().trim().min(1).max(100),
  reason: z
    .string()
    .trim()
    .min(3, "Say why the new figure is right (at least 3 characters).")
    .max(500),
});
export const alertListQuerySchema = z.object({
  state: z.enum(["open", "ended", "all"]).default("open"),
  serviceId: z.preprocess(blankToUndefined, z.string().uuid("Not a service id.").optional()),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
