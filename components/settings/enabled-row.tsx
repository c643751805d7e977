"use client";

import { useMutation } from "@tanstack/react-query";
import { refusalMessage } from "@/components/settings/refusal-message";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { runAction } from "@/components/ui/action-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/errors";

/**
 * A settings row that can be switched on and off or deleted: both mutations, and their refusals in one list
 * (a plain version conflict reads as `conflictMessage`).
 */
export function useEnabledRow({
  setEnabled,
  remove,
  conflictMessage,
}: {
  setEnabled: () => Promise<ActionResult<unknown>>;
  remove: () => Promise<ActionResult<unknown>>;
  conflictMessage: string;
}) {
  const toggle = useMutation({ mutationFn: () => runAction(setEnabled) });
  const removal = useMutation({ mutationFn: () => runAction(remove) });
  const errors = [
    refusalMessage(toggle.error, conflictMessage),
    refusalMessage(removal.error, conflictMessage),
  ].filter((message) => message !== null);
  return { toggle, removal, errors };
}

/** The row's enabled badge beside the button that flips it; test ids are `<testIdPrefix>-enabled` and `-toggle`. */
export function EnabledToggle({
  enabled,
  name,
  pending,
  onToggle,
  testIdPrefix,
}: {
  enabled: boolean;
  name: string;
  pending: boolean;
  onToggle: () => void;
  testIdPrefix: string;
}) {
  return (
    <form method="post" onSubmit={submitsWith(onToggle)} className="flex items-center gap-1.5">
      <Badge tone={enabled ? "up" : "neutral"} data-testid={`${testIdPrefix}-enabled`}>
        {enabled ? "enabled" : "disabled"}
      </Badge>
      <Button
        type="submit"
        size="sm"
        disabled={pending}
        data-testid={`${testIdPrefix}-toggle`}
        aria-label={`${enabled ? "Disable" : "Enable"} ${name}`}
      >
        {pending ? "Saving…" : enabled ? "Disable" : "Enable"}
      </Button>
    </form>
  );
}
