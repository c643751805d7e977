import type { ReactNode } from "react";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-line bg-surface px-5 py-8 text-center">
      <h2 className="text-sm font-semibold">{title}</h2>
      {children ? (
        <div className="mx-auto mt-1.5 max-w-prose text-sm text-muted">{children}</div>
      ) : null}
    </div>
  );
}
