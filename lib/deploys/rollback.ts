import type { ProbeProfile } from "@/lib/health/labels";

/** A row of the runbook's section-10 table: the services deploy-railway.yml manages. */
export type RailwayTarget = { label: string; railwayService: string; pathFilter: string };

export const railwayTargets: readonly RailwayTarget[] = [
  { label: "MCP Server", railwayService: "mcp-server", pathFilter: "packages/mcp-server/**" },
  { label: "Studio", railwayService: "studio", pathFilter: "packages/studio/**" },
  {
    label: "Marketplace API",
    railwayService: "marketplace-api",
    pathFilter: "packages/marketplace-api/**",
  },
  { label: "Export API", railwayService: "export-api", pathFilter: "services/export-api/**" },
  { label: "LLM Service", railwayService: "llm-service", pathFilter: "services/llm-service/**" },
  {
    label: "Absorb Service",
    railwayService: "absorb-service",
    pathFilter: "packages/absorb-service/**",
  },
];

const byRailwayName = (name: string) =>
  railwayTargets.find((target) => target.railwayService === name) ?? null;

// A word of the service's name, in the order the table is most likely to be meant.
const nameHints: ReadonlyArray<[RegExp, string]> = [
  [/\bmcp\b/, "mcp-server"],
  [/\bstudio\b/, "studio"],
  [/\bmarketplace\b/, "marketplace-api"],
  [/\bexport\b/, "export-api"],
  [/\bllm\b/, "llm-service"],
  [/\babsorb\b/, "absorb-service"],
];

const profileHints: Partial<Record<ProbeProfile, string>> = {
  holoscript_mcp: "mcp-server",
  studio: "studio",
  absorb: "absorb-service",
};

/**
 * The section-10 row a monitored service is: the Railway service named in its links (Settings → Services) first,
 * then its name, then its probe profile; null when none says.
 */
export function railwayTargetFor(service: {
  name: string;
  profile: ProbeProfile;
  railway?: string | null;
}): RailwayTarget | null {
  const configured = service.railway ? byRailwayName(service.railway.trim().toLowerCase()) : null;
  if (configured) return configured;
  const words = service.name.toLowerCase().replace(/[^a-z0-9]+/g, " ");
  const exact = byRailwayName(service.name.trim().toLowerCase());
  if (exact) return exact;
  for (const [pattern, railwayService] of nameHints)
    if (pattern.test(words)) return byRailwayName(railwayService);
  const fromProfile = profileHints[service.profile];
  return fromProfile ? byRailwayName(fromProfile) : null;
}

export type RollbackStepsInput = {
  service: { name: string; profile: ProbeProfile; railway?: string | null };
  /** The failed deploy's commit, when CI sent it. */
  failedCommit: string | null;
  /** How the last succeeded deploy of the service is named (its version or short commit). */
  lastGreenLabel: string | null;
};

/** Runbook sections 5 and 10: redeploy the last green deployment, or revert the bad commit and let CI redeploy. */
export function rollbackSteps(input: RollbackStepsInput): {
  railwayService: string | null;
  steps: string[];
} {
  const target = railwayTargetFor(input.service);
  const lastGreen = input.lastGreenLabel ?? "the last green deployment";
  const commit = input.failedCommit ?? "<bad-commit-sha>";
  const cdn =
    "If static assets drifted, invalidate the CDN (purge the edge cache for the affected paths).";
  if (!target) {
    return {
      railwayService: null,
      steps: [
        `Redeploy the last green deployment of ${input.service.name} (${lastGreen}), or its previous container digest, from your platform's deployments list.`,
        `Or \`git revert ${commit} --no-edit\` and push to main so CI redeploys the service.`,
        cdn,
      ],
    };
  }
  return {
    railwayService: target.railwayService,
    steps: [
      `Redeploy the last green deployment in Railway: service \`${target.railwayService}\` → Deployments → ${lastGreen} → ⋯ → Redeploy`,
      `Or \`git revert ${commit} --no-edit\` and push to main; deploy-railway.yml redeploys the service (path filter ${target.pathFilter})`,
      cdn,
    ],
  };
}
