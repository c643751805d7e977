"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="rounded-lg border border-down/40 bg-surface p-5">
      <ErrorPanel error={error} retry={retry} />
    </div>
  );
}
