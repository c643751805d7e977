import type { ReactNode } from "react";

/** One labelled fact in a description list; `keepLineBreaks` shows text typed on several lines as typed. */
export function Fact({
  label,
  children,
  testId,
  keepLineBreaks = false,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  keepLineBreaks?: boolean;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd
        className={`min-w-0 text-sm break-words ${keepLineBreaks ? "whitespace-pre-wrap" : ""}`}
        data-testid={testId}
      >
        {children}
      </dd>
    </div>
  );
}
