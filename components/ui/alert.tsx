import type { HTMLAttributes } from "react";

export type AlertTone = "error" | "success" | "info";

const tones: Record<AlertTone, string> = {
  error: "border-down/40 bg-down-bg text-down",
  success: "border-up/40 bg-up-bg text-up",
  info: "border-line bg-surface-2 text-text",
};

export function Alert({ tone = "info", className = "", ...props }: HTMLAttributes<HTMLDivElement> & { tone?: AlertTone }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 text-sm font-medium ${tones[tone]} ${className}`}
      {...props}
    />
  );
}
