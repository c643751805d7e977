import { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

export const targetKinds = ["mcp", "absorb", "studio", "orchestrator", "generic"] as const;
export const targetKindSchema = z.enum(targetKinds);
export type TargetKind = z.infer<typeof targetKindSchema>;

export const degradedVariantsByKind = {
  mcp: ["team-store-memory", "tools-zero", "keepalive-failing"],
  absorb: ["database-degraded", "moltbook-timeout"],
  studio: ["studio-degraded"],
  orchestrator: [],
  generic: [],
} as const satisfies Record<TargetKind, readonly string[]>;

export const degradedVariantSchema = z.enum([
  ...degradedVariantsByKind.mcp,
  ...degradedVariantsByKind.absorb,
  ...degradedVariantsByKind.studio,
]);
export type DegradedVariant = z.infer<typeof degradedVariantSchema>;

export const richHealthStatuses = ["healthy", "degraded", "unhealthy"] as const;

const maxDelayMs = 10 * 60 * 1000;
const delayMsSchema = z.number().int().min(0).max(maxDelayMs);

export const defaultOversizedBytes = 5 * 1024 * 1024;
export const defaultColdStartDelayMs = 14_000;
export const defaultColdStartIdleMs = 300_000;
export const defaultDroppedToolCount = 12;
export const defaultHugeValueChars = 200_000;
export const defaultCertificateDays = 90;

/** The kinds a target may impersonate with "answers-as" (the URL points at the wrong service). */
export const impersonatedKinds = ["mcp", "absorb", "studio", "orchestrator"] as const;
export const opsRegionStatuses = ["healthy", "degraded", "critical", "unknown"] as const;
export const opsTopLevelStatuses = ["healthy", "degraded", "critical"] as const;

const shortLabelSchema = z.string().min(1).max(64);

const opsRegionSchema = z.strictObject({
  id: shortLabelSchema,
  status: z.enum(opsRegionStatuses),
  detail: z.string().min(1).max(200).optional(),
});

export const behaviourSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("healthy") }),
  z.strictObject({ mode: z.literal("down") }),
  z.strictObject({ mode: z.literal("http-502-html") }),
  z.strictObject({ mode: z.literal("http-500-json") }),
  z.strictObject({ mode: z.literal("hang") }),
  z.strictObject({ mode: z.literal("slow"), delayMs: delayMsSchema }),
  z.strictObject({ mode: z.literal("degraded"), variant: degradedVariantSchema }),
  z.strictObject({ mode: z.literal("ops-critical") }),
  z.strictObject({ mode: z.literal("ops-degraded") }),
  z.strictObject({
    mode: z.literal("rich-health"),
    status: z.enum(richHealthStatuses).default("healthy"),
  }),
  z.strictObject({ mode: z.literal("flapping") }),
  z.strictObject({ mode: z.literal("malformed-json") }),
  z.strictObject({
    mode: z.literal("oversized"),
    bytes: z
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(defaultOversizedBytes),
  }),
  z.strictObject({
    mode: z.literal("cold-start"),
    delayMs: delayMsSchema.default(defaultColdStartDelayMs),
    idleMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 60 * 60 * 1000)
      .default(defaultColdStartIdleMs),
  }),
  z.strictObject({
    mode: z.literal("tools-drop"),
    tools: z.number().int().min(0).max(100_000).default(defaultDroppedToolCount),
  }),
  // Poisoned answers: what a broken or hostile target may send, which Vigil must store safely without stopping other services' results.
  z.strictObject({ mode: z.literal("nul-version") }),
  z.strictObject({ mode: z.literal("binary-500") }),
  z.strictObject({
    mode: z.literal("huge-values"),
    chars: z.number().int().min(1024).max(900_000).default(defaultHugeValueChars),
  }),
  // Answers its health route(s) with another kind's healthy body, and serves that kind's other routes instead of its own.
  z.strictObject({ mode: z.literal("answers-as"), kind: z.enum(impersonatedKinds) }),
  // /ops/status whose top-level word (healthy unless told) disagrees with its regions, error rate and breakers.
  z.strictObject({
    mode: z.literal("ops-regions"),
    regions: z.array(opsRegionSchema).min(1).max(32),
    status: z.enum(opsTopLevelStatuses).default("healthy"),
    errorRate: z.number().min(0).max(1).optional(),
    openBreakers: z.array(shortLabelSchema).max(32).default([]),
  }),
  // The MCP server's sample compile route answers 404 while everything else stays healthy.
  z.strictObject({ mode: z.literal("compile-404") }),
]);
/** A behaviour with its defaults filled in. */
export type Behaviour = z.infer<typeof behaviourSchema>;
/** What callers may send: optional fields may be left out. */
export type BehaviourInput = z.input<typeof behaviourSchema>;
export type BehaviourMode = Behaviour["mode"];

const mcpOnlyModes: readonly BehaviourMode[] = [
  "ops-critical",
  "ops-degraded",
  "rich-health",
  "tools-drop",
  "ops-regions",
  "compile-404",
];

/** Field errors when the behaviour makes no sense for this kind of service, otherwise null. */
export function behaviourErrorsForKind(kind: TargetKind, behaviour: Behaviour): FieldErrors | null {
  if (mcpOnlyModes.includes(behaviour.mode) && kind !== "mcp") {
    return { mode: [`"${behaviour.mode}" only applies to mcp targets, not ${kind}.`] };
  }
  if (behaviour.mode === "answers-as" && behaviour.kind === kind) {
    return { kind: [`A ${kind} target already answers as ${kind}; choose another kind.`] };
  }
  if (behaviour.mode === "degraded") {
    const allowed: readonly string[] = degradedVariantsByKind[kind];
    if (!allowed.includes(behaviour.variant)) {
      const hint =
        allowed.length > 0
          ? `use one of: ${allowed.join(", ")}`
          : "this kind has no degraded variants";
      return {
        variant: [`"${behaviour.variant}" is not a degraded variant of ${kind} (${hint}).`],
      };
    }
  }
  return null;
}

export const targetIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    "Use 1-64 letters, digits, dots, dashes or underscores.",
  );

/**
 * Serve HTTPS with a self-signed certificate for localhost, 127.0.0.1 and ::1 that expires `expiresInDays` from now
 * (negative: already expired) or at `notAfter`; `{}` means 90 days. Kept to the second.
 */
export const targetTlsSchema = z
  .strictObject({
    expiresInDays: z.number().min(-3650).max(3650).optional(),
    notAfter: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((tls) => tls.expiresInDays === undefined || tls.notAfter === undefined, {
    message: "Give expiresInDays or notAfter, not both.",
    path: ["notAfter"],
  });
export type TargetTlsInput = z.input<typeof targetTlsSchema>;

/** When a certificate asked for with `tls` expires, to the second. */
export function certificateNotAfter(tls: TargetTlsInput, now: number): Date {
  const at =
    tls.notAfter === undefined
      ? now + (tls.expiresInDays ?? defaultCertificateDays) * 24 * 60 * 60 * 1000
      : Date.parse(tls.notAfter);
  return new Date(Math.floor(at / 1000) * 1000);
}

export const targetSpecSchema = z
  .strictObject({
    id: targetIdSchema,
    kind: targetKindSchema,
    port: z.number().int().min(0).max(65_535).optional(),
    behaviour: behaviourSchema.default({ mode: "healthy" }),
    tls: targetTlsSchema.optional(),
  })
  .superRefine((spec, context) => {
    const errors = behaviourErrorsForKind(spec.kind, spec.behaviour);
    for (const [field, messages] of Object.entries(errors ?? {})) {
      for (const message of messages)
        context.addIssue({ code: "custom", path: ["behaviour", field], message });
    }
  });
export type TargetSpec = z.input<typeof targetSpecSchema>;
export type ParsedTargetSpec = z.infer<typeof targetSpecSchema>;

export type TargetInfo = {
  id: string;
  kind: TargetKind;
  port: number;
  url: string;
  up: boolean;
  behaviour: Behaviour;
  requests: number;
  /** Set when the target serves HTTPS (its url then starts with https://). */
  tls: { notAfter: string } | null;
};

export type TargetCertificate = { certificate: string; notAfter: string };

export type RequestStats = { count: number; inFlight: number; byPath: Record<string, number> };
