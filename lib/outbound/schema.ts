import { z } from "zod";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const allowRuleInputSchema = z.object({
  rule: z.string().trim().min(1, "Enter an address, a CIDR range or host:port.").max(200),
  note: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
});
