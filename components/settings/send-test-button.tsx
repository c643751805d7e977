"use client";

import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { refusalMessage } from "@/components/settings/refusal-message";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { runAction } from "@/components/ui/action-mutation";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import type { ActionResult } from "@/lib/errors";

/** A "Send test" button that runs `send` and shows what it answered (`result`), or why it was refused. */
export function SendTestButton<T>({
  send,
  name,
  pendingLabel,
  testId,
  result,
}: {
  send: () => Promise<ActionResult<T>>;
  name: string;
  pendingLabel: string;
  testId: string;
  result: (data: T) => ReactNode;
}) {
  const test = useMutation({ mutationFn: () => runAction(send) });
  return (
    <form
      method="post"
      onSubmit={submitsWith(() => test.mutate())}
      className="inline-flex flex-col"
    >
      <Button
        type="submit"
        size="sm"
        disabled={test.isPending}
        data-testid={testId}
        aria-label={`Send a test to ${name}`}
      >
        {test.isPending ? pendingLabel : "Send test"}
      </Button>
      {test.isSuccess ? result(test.data) : null}
      <InlineError message={refusalMessage(test.error)} />
    </form>
  );
}
