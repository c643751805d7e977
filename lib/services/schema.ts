import { z } from "zod";
import { alertDefaults, probeProfiles } from "@/lib/health/labels";
import { isHttpUrl } from "@/lib/markdown";
import { intervalLimits, timeoutLimits } from "@/lib/services/labels";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const checkbox = z.preprocess(
  (value) => value === true || value === "true" || value === "on",
  z.boolean(),
);
const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const serviceLinksSchema = z.object({
  logs: optionalText(500),
  railway: optionalText(500),
  runbook: optionalText(500),
  repository: optionalText(500),
});

export const sampleProbeSchema = z.object({
  method: z.enum(["GET", "POST", "HEAD"]).default("GET"),
  path: z
    .string()
    .trim()
    .regex(/^\/[^\s]*$/, "Start the path with / and use no spaces.")
    .max(500),
  body: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(64 * 1024)
      .optional(),
  ),
  expectedStatus: z.coerce.number().int().min(100).max(599).default(200),
  latencyBudgetMs: z.coerce.number().int().min(50).max(45_000).default(5_000),
});

const httpUrl = z
  .string()
  .trim()
  .max(2_000)
  .refine((value) => URL.canParse(value), "Enter a full URL such as https://mcp.holoscript.net.")
  .refine(
    (value) => !URL.canParse(value) || isHttpUrl(value),
    "Only http and https URLs can be checked.",
  )
  .transform((value) => value.replace(/\/+$/, ""));

export const serviceInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name the service.").max(100),
    environment: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9-]+$/, "Use lower-case letters, digits and dashes.")
      .default("production"),
    baseUrl: httpUrl,
    profile: z.enum(probeProfiles),
    intervalSeconds: z.coerce
      .number()
      .int()
      .min(intervalLimits.min, `Check at most every ${intervalLimits.min} seconds.`)
      .max(intervalLimits.max)
      .default(intervalLimits.default),
    timeoutSeconds: z.coerce
      .number()
      .int()
      .min(
        timeoutLimits.min,
        `The timeout is ${timeoutLimits.min} to ${timeoutLimits.max} seconds.`,
      )
      .max(
        timeoutLimits.max,
        `The timeout is ${timeoutLimits.min} to ${timeoutLimits.max} seconds.`,
      )
      .default(timeoutLimits.default),
    latencySloMs: z.coerce.number().int().min(50).max(60_000).default(3_000),
    failureThreshold: z.coerce.number().int().min(1).max(10).default(2),
    recoveryThreshold: z.coerce.number().int().min(1).max(10).default(2),
    enabled: checkbox.default(true),
    tags: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .min(1)
          .max(40)
          .regex(/^[a-z0-9:_.-]+$/, "Tags use letters, digits and : _ . -"),
      )
      .max(20)
      .default([]),
    links: serviceLinksSchema.default({}),
    sampleProbe: sampleProbeSchema.nullable().default(null),
    checkTlsExpiry: checkbox.default(true),
    degradedWarnAfterSeconds: z.coerce
      .number()
      .int()
      .min(60, "Warn after at least 60 seconds.")
      .max(86_400)
      .default(alertDefaults.degradedWarnAfterSeconds),
    flappingStableSeconds: z.coerce
      .number()
      .int()
      .min(60, "At least 60 seconds of the same result.")
      .max(86_400)
      .default(alertDefaults.flappingStableSeconds),
    latencyWindowSeconds: z.coerce
      .number()
      .int()
      .min(60, "A window of at least 60 seconds.")
      .max(3_600)
      .default(alertDefaults.latencyWindowSeconds),
    availabilitySlo: z.coerce
      .number()
      .min(0.9, "An availability SLO between 90 % and 99.999 %.")
      .max(0.99999, "An availability SLO between 90 % and 99.999 %.")
      .default(alertDefaults.availabilitySlo),
    availabilityWindowDays: z.coerce
      .number()
      .int()
      .min(1)
      .max(90)
      .default(alertDefaults.availabilityWindowDays),
    certWarnDays: z.coerce.number().int().min(1).max(90).default(alertDefaults.certWarnDays),
    certPageDays: z.coerce.number().int().min(0).max(60).default(alertDefaults.certPageDays),
    /** The escalation policy its pages follow; null (or blank) follows the default policy. */
    escalationPolicyId: z
      .preprocess(
        (value) => (value === "" ? null : value),
        z.string().uuid("Choose a policy from the list.").nullable(),
      )
      .default(null),
  })
  .refine((input) => input.certPageDays < input.certWarnDays, {
    path: ["certPageDays"],
    message: "Page closer to expiry than the warning (fewer days).",
  })
  .refine((input) => input.timeoutSeconds < input.intervalSeconds, {
    path: ["timeoutSeconds"],
    message: "The timeout must be shorter than the interval.",
  });

export const serviceVersionSchema = z.object({ version: z.coerce.number().int().min(1) });
