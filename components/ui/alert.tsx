import type { HTMLAttributes } from "react";
import { badgeTones, type BadgeTone } from "@/components/ui/badge";

export type AlertTone = "error" | "success" | "info";

// An alert is coloured like the badge of the same meaning, and pages showing both ship one colour map.
const badgeToneFor: Record<AlertTone, BadgeTone> = {
  error: "down",
  success: "up",
  info: "neutral",
};

export function Alert({
  tone = "info",
  className = "",
  ...props
}: HTMLAttributes<HTMLDivElement> & { tone?: AlertTone }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 text-sm font-medium ${badgeTones[badgeToneFor[tone]]} ${className}`}
      {...props}
    />
  );
}
