import type { BaselineSource, FigureBaseline, KeyFigures, ProbeProfile } from "@/lib/health/types";

/** The key figures each profile compares with a baseline: a sharp drop stays degraded until it returns or is accepted. */
export const watchedFigures: Record<ProbeProfile, readonly string[]> = {
  holoscript_mcp: ["tools"],
  absorb: [],
  studio: [],
  generic_json: [],
  http: [],
};

/** Below half of the baseline is a drop; baselines under 10 are too small to judge by share. */
export const figureDrop = { share: 0.5, minBaseline: 10 } as const;
/** An observed baseline (the running maximum) that has not been seen again for this long follows the figure down. */
export const observedBaselineTtlMs = 24 * 3_600_000;

export type FigureBaselines = Record<string, FigureBaseline>;

export function isFigureDrop(current: number, baseline: number): boolean {
  return baseline >= figureDrop.minBaseline && current < baseline * figureDrop.share;
}

export const baselineSourceWords: Record<BaselineSource, string> = {
  observed: "the 24 h maximum",
  deploy: "the last green deploy",
  accepted: "accepted by a lead",
};

export function numericFigure(figures: KeyFigures | null, figure: string): number | null {
  const value = figures?.[figure];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * How an observed figure moves a baseline: a higher value raises it (the running maximum), a value that is
 * not a drop refreshes an observed baseline older than 24 h, and a drop never lowers it: only the figure
 * returning, a green deploy or a lead's acceptance ends a drop.
 */
export function observeFigure(
  current: FigureBaseline | undefined,
  figure: string,
  value: number,
  at: Date,
): FigureBaseline | null {
  if (!current) return { figure, value, source: "observed", setAt: at.toISOString() };
  if (value > current.value)
    return {
      figure,
      value,
      source: current.source === "observed" ? "observed" : current.source,
      setAt: at.toISOString(),
    };
  if (isFigureDrop(value, current.value)) return null;
  const age = at.getTime() - new Date(current.setAt).getTime();
  if (current.source === "observed" && age > observedBaselineTtlMs && value !== current.value) {
    return { figure, value, source: "observed", setAt: at.toISOString() };
  }
  if (value === current.value && current.source === "observed" && age > observedBaselineTtlMs / 2) {
    return { ...current, setAt: at.toISOString() };
  }
  return null;
}

/** The baselines a batch of figures leaves behind, for the profile's watched figures only. */
export function observeFigures(
  profile: ProbeProfile,
  baselines: FigureBaselines,
  figures: KeyFigures,
  at: Date,
): FigureBaseline[] {
  const changed: FigureBaseline[] = [];
  for (const figure of watchedFigures[profile]) {
    const value = numericFigure(figures, figure);
    if (value === null) continue;
    const next = observeFigure(baselines[figure], figure, value, at);
    if (next) {
      baselines[figure] = next;
      changed.push(next);
    }
  }
  return changed;
}

/** "tool count 12, down from 234 (the last green deploy)": the words a drop finding uses. */
export function describeDrop(label: string, current: number, baseline: FigureBaseline): string {
  return `${label} ${current}, down from ${baseline.value} (${baselineSourceWords[baseline.source]}); stays degraded until it returns or a lead accepts the new figure`;
}
