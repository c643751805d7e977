import type { HTMLAttributes } from "react";

export type BadgeTone = "neutral" | "accent" | "up" | "degraded" | "down";

export const badgeTones: Record<BadgeTone, string> = {
  neutral: "border-line bg-surface-2 text-text",
  accent: "border-accent/40 bg-accent-soft text-text",
  up: "border-up/40 bg-up-bg text-up",
  degraded: "border-degraded/40 bg-degraded-bg text-degraded",
  down: "border-down/40 bg-down-bg text-down",
};

export function Badge({
  tone = "neutral",
  className = "",
  ...props
}: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span
      className={`inline-flex items-center rounded border px-1.5 py-px text-xs leading-4 font-medium ${badgeTones[tone]} ${className}`}
      {...props}
    />
  );
}
