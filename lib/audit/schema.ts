import { z } from "zod";
import { bigintCursorSchema } from "@/lib/validation";

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(320).optional(),
  targetType: z.string().trim().max(50).optional(),
  before: bigintCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const auditFilterKeys = ["action", "actor", "targetType", "before", "limit"] as const;
const maxBigint = 9_223_372_036_854_775_807n;

/** URL search params to a filter: a bad or repeated value is dropped rather than failing the page. */
export function auditFilterFromSearchParams(
  params: Record<string, string | string[] | undefined>,
): z.infer<typeof auditFilterSchema> {
  const accepted: Record<string, string> = {};
  for (const key of auditFilterKeys) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === "") continue;
    if (auditFilterSchema.shape[key].safeParse(value).success) accepted[key] = value;
  }
  const result = auditFilterSchema.safeParse(accepted);
  if (!result.success) return auditFilterSchema.parse({});
  // Past Postgres' bigint range the query itself would fail.
  if (result.data.before !== undefined && result.data.before > maxBigint)
    return { ...result.data, before: undefined };
  return result.data;
}
