import type { ComponentProps } from "react";

export const controlClasses =
  "h-8 min-w-0 rounded-md border border-line bg-surface px-2.5 text-sm text-text placeholder:text-muted/60 aria-[invalid=true]:border-danger disabled:opacity-60";

export function Input({ className = "", ...props }: ComponentProps<"input">) {
  return <input className={`${controlClasses} ${className}`} {...props} />;
}
