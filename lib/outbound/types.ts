import type { allowRuleInputSchema } from "@/lib/outbound/schema";
import type { z } from "zod";

export type AllowRuleInput = z.input<typeof allowRuleInputSchema>;
export type AllowRuleView = { id: string; rule: string; note: string; createdAt: string };
