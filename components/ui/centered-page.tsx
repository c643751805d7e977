import type { HTMLAttributes } from "react";

/** A single card in the middle: sign-in, 403, 404 and errors, inside or outside the app shell. */
export function CenteredPage({
  className = "",
  children,
  ...props
}: HTMLAttributes<HTMLDivElement>) {
  return (
    <div className="flex min-h-[70dvh] items-center justify-center px-4 py-10" {...props}>
      <div className={`w-full max-w-md rounded-lg border border-line bg-surface p-6 ${className}`}>
        {children}
      </div>
    </div>
  );
}
