import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";

/** A save refused because someone else wrote first: what happened, a reload link, and what to do after it. */
export function StaleChangeAlert({
  testId,
  reloadHref,
  children,
  retry = false,
}: {
  testId: string;
  reloadHref: string;
  children: ReactNode;
  /** Ask to save again after the reload (forms whose whole state is re-sent). */
  retry?: boolean;
}) {
  return (
    <Alert tone="error" data-testid={testId}>
      {children}{" "}
      <a href={reloadHref} className="underline underline-offset-2">
        Reload to see their change
      </a>
      {retry ? ", then save yours again if it still applies." : "."}
    </Alert>
  );
}
