"use client";

import { CenteredPage } from "@/components/ui/centered-page";
import { ErrorPanel } from "@/components/ui/error-panel";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <CenteredPage>
      <ErrorPanel error={error} retry={retry} />
    </CenteredPage>
  );
}
