"use client";

import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { saveHoloMeshConnectionAction } from "@/lib/board/actions";
import type { HoloMeshConnectionInput, HoloMeshConnectionView } from "@/lib/board/types";

const fields = ["baseUrl", "teamId", "apiKey", "clearApiKey", "version"] as const;

export function keySourceText(
  connection: Pick<HoloMeshConnectionView, "keySource" | "keyHint">,
): string {
  if (connection.keySource === "env") return "from HOLOMESH_API_KEY (environment)";
  if (connection.keySource === "stored")
    return `stored encrypted (…${(connection.keyHint ?? "").replace(/^…/, "")})`;
  return "none";
}

function connectionInputOf(form: FormData, version: number): HoloMeshConnectionInput {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return {
    version,
    baseUrl: text("baseUrl") ?? "",
    teamId: text("teamId") ?? "",
    apiKey: text("apiKey"),
    clearApiKey: form.get("clearApiKey") === "on",
  };
}

export function HoloMeshConnectionForm({ initial }: { initial: HoloMeshConnectionView }) {
  const { state, pending, onSubmit } = useFormMutation(saveHoloMeshConnectionAction, {
    toInput: (form): HoloMeshConnectionInput => connectionInputOf(form, connection.version),
  });
  const connection: HoloMeshConnectionView = state?.ok ? state.data : initial;
  const topError = formError(
    state,
    fields.filter((field) => field !== "version"),
  );
  const envKey = connection.keySource === "env";

  return (
    <div className="flex flex-col gap-3">
      {state?.ok ? (
        <Alert tone="success" data-testid="holomesh-saved">
          Saved. The key is {keySourceText(state.data)}.
        </Alert>
      ) : null}
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <form
        method="post"
        onSubmit={onSubmit}
        noValidate
        data-testid="holomesh-form"
        className="flex max-w-2xl flex-col gap-3"
      >
        <TextField
          id="holomesh-base-url"
          label="Base URL"
          name="baseUrl"
          defaultValue={connection.baseUrl}
          error={fieldErrors(state, "baseUrl")}
          hint="The MCP host that serves the HoloMesh API. Calls go through the outbound allow-list."
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          id="holomesh-team-id"
          label="Team id"
          name="teamId"
          defaultValue={connection.teamId}
          error={fieldErrors(state, "teamId")}
          placeholder="team_1777834718247_unr35n"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <p className="text-sm" data-testid="holomesh-key-source">
          <span className="text-muted">API key: </span>
          <span className="font-medium">{keySourceText(connection)}</span>
        </p>
        {envKey ? (
          <p className="text-xs text-muted">
            HOLOMESH_API_KEY is set in Vigil&apos;s environment: it takes precedence over any key
            entered here.
          </p>
        ) : null}
        {connection.canStoreKey ? (
          <>
            <TextField
              // Never filled from the server, and emptied after a save: the browser holds the key no longer than needed.
              key={state?.ok ? `saved-${state.data.version}` : "unsaved"}
              id="holomesh-api-key"
              label="API key"
              name="apiKey"
              type="password"
              error={fieldErrors(state, "apiKey")}
              hint="Stored encrypted; never shown again. Leave blank to keep the current key."
              autoComplete="new-password"
              spellCheck={false}
            />
            {connection.keySource === "stored" ? (
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="clearApiKey"
                  value="on"
                  data-testid="holomesh-clear-key"
                />{" "}
                Remove the stored key
              </label>
            ) : null}
          </>
        ) : (
          <p
            className="rounded-md border border-line bg-surface-2 px-3 py-2 text-xs"
            data-testid="holomesh-cannot-store"
          >
            Vigil has no VIGIL_SECRET_KEY to encrypt a stored key with, so the key can only come
            from HOLOMESH_API_KEY in Vigil&apos;s environment.
          </p>
        )}
        <div>
          <SubmitButton pending={pending} label="Save connection" pendingLabel="Saving…" />
        </div>
      </form>
    </div>
  );
}
