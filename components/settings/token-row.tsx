"use client";

import { useMutation } from "@tanstack/react-query";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { refusalOf, runAction } from "@/components/ui/action-mutation";
import { InlineError } from "@/components/ui/inline-error";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { revokeApiTokenAction } from "@/lib/tokens/actions";
import type { ApiTokenView } from "@/lib/tokens/types";

const stateTones: Record<ApiTokenView["state"], BadgeTone> = {
  active: "up",
  expired: "neutral",
  revoked: "neutral",
};

export function TokenRow({ token }: { token: ApiTokenView }) {
  const revoke = useMutation({ mutationFn: () => runAction(() => revokeApiTokenAction(token.id)) });
  const error = refusalOf(revoke.error)?.message ?? null;
  return (
    <tr
      data-testid={`token-row-${token.name}`}
      className={token.state === "active" ? undefined : "text-muted"}
    >
      <Td className="font-medium break-words">{token.name}</Td>
      <Td>
        <code className="font-mono text-xs">{token.prefix}…</code>
      </Td>
      <Td className="break-words">{token.owner.email}</Td>
      <Td>
        <Time iso={token.createdAt} />
      </Td>
      <Td>
        {token.lastUsedAt ? (
          <Time iso={token.lastUsedAt} />
        ) : (
          <span className="text-muted">never</span>
        )}
      </Td>
      <Td>
        {token.expiresAt ? (
          <Time iso={token.expiresAt} />
        ) : (
          <span className="text-muted">never</span>
        )}
      </Td>
      <Td>
        <Badge tone={stateTones[token.state]} data-testid="token-state">
          {token.state}
        </Badge>
      </Td>
      <Td>
        {token.state === "revoked" ? null : (
          <form method="post" onSubmit={submitsWith(() => revoke.mutate())}>
            <ConfirmButton
              label="Revoke"
              question="Revoke it? Anything using it stops working."
              variant="danger"
              pending={revoke.isPending}
              testId="token-revoke"
            />
          </form>
        )}
        <InlineError message={error} />
      </Td>
    </tr>
  );
}
