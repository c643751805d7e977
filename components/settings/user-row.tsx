"use client";

import { useMutation } from "@tanstack/react-query";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { Select } from "@/components/ui/select";
import { Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { submitsWith } from "@/components/settings/use-form-mutation";
import { runAction } from "@/components/ui/action-mutation";
import { refusalMessage } from "@/components/settings/refusal-message";
import { roles, type Role } from "@/lib/auth/roles";
import {
  resetUserPasswordAction,
  setUserDisabledAction,
  setUserRoleAction,
} from "@/lib/users/actions";
import type { UserView } from "@/lib/users/types";

const columnCount = 6;

export function UserRow({ user, isSelf }: { user: UserView; isSelf: boolean }) {
  const role = useMutation({
    mutationFn: (chosen: Role) => runAction(() => setUserRoleAction(user.id, chosen)),
  });
  const status = useMutation({
    mutationFn: () => runAction(() => setUserDisabledAction(user.id, !user.disabled)),
  });
  const reset = useMutation({
    mutationFn: () => runAction(() => resetUserPasswordAction(user.id)),
  });
  const [dismissedReset, setDismissedReset] = useState<typeof reset.data>(undefined);
  const newPassword =
    reset.data !== undefined && reset.data !== dismissedReset ? reset.data.generatedPassword : null;
  const errors = [
    refusalMessage(role.error),
    refusalMessage(status.error),
    refusalMessage(reset.error),
  ].filter((message) => message !== null);
  const roleSelectId = `role-${user.id}`;

  return (
    <>
      <tr
        data-testid={`user-row-${user.email}`}
        className={user.disabled ? "text-muted" : undefined}
      >
        <Td className="font-medium break-words">
          {user.email}
          {isSelf ? <span className="ml-1.5 text-xs font-normal text-muted">(you)</span> : null}
        </Td>
        <Td className="break-words">{user.name}</Td>
        <Td>
          <form
            method="post"
            onSubmit={submitsWith((form) =>
              role.mutate(String(new FormData(form).get("role") ?? "") as Role),
            )}
            className="flex items-center gap-1.5"
          >
            <label htmlFor={roleSelectId} className="sr-only">
              Role for {user.email}
            </label>
            <Select
              id={roleSelectId}
              name="role"
              defaultValue={user.role}
              className="h-7 w-32 shrink-0 text-xs"
              data-testid="user-role-select"
            >
              {roles.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </Select>
            <Button type="submit" size="sm" disabled={role.isPending} data-testid="user-role-save">
              {role.isPending ? "Saving…" : "Save"}
            </Button>
            {role.isSuccess ? (
              <span role="status" className="text-xs text-muted">
                Saved
              </span>
            ) : null}
          </form>
        </Td>
        <Td>
          <Badge tone={user.disabled ? "neutral" : "up"} data-testid="user-status">
            {user.disabled ? "disabled" : "active"}
          </Badge>
        </Td>
        <Td>
          <Time iso={user.createdAt} />
        </Td>
        <Td>
          <div className="flex flex-wrap items-center gap-1.5">
            <form method="post" onSubmit={submitsWith(() => status.mutate())}>
              {user.disabled ? (
                <Button
                  type="submit"
                  size="sm"
                  disabled={status.isPending}
                  data-testid="user-enable"
                >
                  {status.isPending ? "Enabling…" : "Enable"}
                </Button>
              ) : (
                <ConfirmButton
                  label="Disable"
                  question={`Disable ${user.email}? Their sessions end now and their API tokens are revoked for good.`}
                  variant="danger"
                  pending={status.isPending}
                  testId="user-disable"
                />
              )}
            </form>
            <Link
              href={`/settings/users/${user.id}/contact-methods`}
              className="text-xs underline underline-offset-2"
              data-testid="user-contact-methods-link"
              aria-label={`Contact methods of ${user.email}`}
            >
              Contact methods
            </Link>
            <form method="post" onSubmit={submitsWith(() => reset.mutate())}>
              <ConfirmButton
                label="Reset password"
                question="Generate a new password? Their sessions end now."
                pending={reset.isPending}
                testId="user-reset-password"
              />
            </form>
          </div>
        </Td>
      </tr>
      {errors.length > 0 || newPassword ? (
        <tr>
          <Td colSpan={columnCount} className="bg-surface-2">
            {errors.map((message, index) => (
              <p key={index} role="alert" className="text-sm font-medium text-danger">
                {message}
              </p>
            ))}
            {newPassword ? (
              <OneTimeSecret
                title={`New password for ${user.email}:`}
                value={newPassword}
                note="Shown only this once. Their old password and sessions no longer work."
                testId="generated-password"
                onDismiss={() => setDismissedReset(reset.data)}
              />
            ) : null}
          </Td>
        </tr>
      ) : null}
    </>
  );
}
