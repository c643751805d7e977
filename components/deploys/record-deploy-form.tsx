"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { DeployServiceOption } from "@/components/deploys/deploy-filters";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field, TextField, fieldAria } from "@/components/ui/field";
import { controlClasses } from "@/components/ui/input";
import { LabelledOptions, Select } from "@/components/ui/select";
import { mutationResult, runAction } from "@/components/ui/action-mutation";
import { fieldErrors, formError } from "@/components/ui/use-form-action";
import { recordDeployAction } from "@/lib/deploys/actions";
import {
  deployChecklistItems,
  deployChecklistLabels,
  deployStatusLabels,
  deployStatuses,
  type DeployChecklistItem,
} from "@/lib/deploys/labels";
import { ServiceOptions } from "@/components/health/service-options";
import type { CreateDeployInput } from "@/lib/deploys/types";
import { healthKeys } from "@/lib/health/query-keys";

const shownFields = [
  "service",
  "version",
  "commit",
  "environment",
  "link",
  "who",
  "status",
  "notes",
  "maintenance",
  "maintenanceMinutes",
  ...deployChecklistItems,
] as const;

type Errors = (field: (typeof shownFields)[number]) => string[] | undefined;

/** The fields of one deploy; remounted (so emptied) after each recorded deploy. */
function DeployFields({
  services,
  defaultServiceId,
  defaultWho,
  errors,
}: {
  services: DeployServiceOption[];
  defaultServiceId: string;
  defaultWho: string;
  errors: Errors;
}) {
  const environmentOf = (serviceId: string) =>
    services.find((service) => service.id === serviceId)?.environment ?? "production";
  const [serviceId, setServiceId] = useState(defaultServiceId);
  const [environment, setEnvironment] = useState<string | null>(null);
  const [ticks, setTicks] = useState<Record<DeployChecklistItem, boolean>>({
    ciGreen: false,
    noSecretsInDiff: false,
    versionTagRecorded: false,
  });
  const checklistError = deployChecklistItems.flatMap((item) => errors(item) ?? []);

  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="deploy-service" label="Service" error={errors("service")}>
          <Select
            id="deploy-service"
            name="service"
            value={serviceId}
            onChange={(event) => setServiceId(event.currentTarget.value)}
            {...fieldAria("deploy-service", errors("service"))}
          >
            <option value="">Choose a service…</option>
            <ServiceOptions services={services} />
          </Select>
        </Field>
        <TextField
          id="deploy-version"
          label="Version"
          name="version"
          error={errors("version")}
          placeholder="v1.2.3"
          autoComplete="off"
          maxLength={200}
        />
        <TextField
          id="deploy-commit"
          label="or commit"
          name="commit"
          error={errors("commit")}
          placeholder="3f9c2ab"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          className="font-mono"
        />
        <TextField
          id="deploy-environment"
          label="Environment"
          name="environment"
          value={environment ?? environmentOf(serviceId)}
          onChange={(event) => setEnvironment(event.currentTarget.value)}
          error={errors("environment")}
          autoComplete="off"
          maxLength={50}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          id="deploy-link"
          label="Link (optional)"
          name="link"
          type="url"
          error={errors("link")}
          placeholder="https://github.com/…/actions/runs/…"
          autoComplete="off"
          className="lg:col-span-2"
        />
        <TextField
          id="deploy-who"
          label="Who"
          name="who"
          defaultValue={defaultWho}
          error={errors("who")}
          hint="A person or a pipeline."
          autoComplete="off"
          maxLength={200}
        />
        <Field id="deploy-status" label="Status" error={errors("status")}>
          <Select
            id="deploy-status"
            name="status"
            defaultValue="started"
            {...fieldAria("deploy-status", errors("status"))}
          >
            <LabelledOptions values={deployStatuses} labels={deployStatusLabels} />
          </Select>
        </Field>
      </div>
      <fieldset className="flex flex-col gap-1" aria-describedby="deploy-checklist-hint">
        <legend className="mb-1 text-xs font-medium text-text">
          Pre-deploy checklist (runbook section 2)
        </legend>
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          {deployChecklistItems.map((item) => (
            <label key={item} className="flex cursor-pointer items-center gap-2 text-sm">
              {/* Sent either way: an unticked item is recorded as not done, not as "not stated". */}
              <input type="hidden" name={item} value={ticks[item] ? "true" : "false"} />
              <input
                type="checkbox"
                data-testid={`deploy-check-${item}`}
                checked={ticks[item]}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setTicks((current) => ({ ...current, [item]: checked }));
                }}
                className="size-4 accent-[var(--accent)]"
              />
              {deployChecklistLabels[item]}
            </label>
          ))}
        </div>
        <p id="deploy-checklist-hint" className="text-xs text-muted">
          Unticked items are recorded as not done.
        </p>
        {checklistError.length > 0 ? (
          <p className="text-xs font-medium text-danger">{checklistError.join(" ")}</p>
        ) : null}
      </fieldset>
      <fieldset className="flex flex-col gap-1" aria-describedby="deploy-maintenance-hint">
        <legend className="mb-1 text-xs font-medium text-text">Maintenance</legend>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <label className="flex cursor-pointer items-center gap-2">
            <input
              type="checkbox"
              name="maintenance"
              value="true"
              data-testid="deploy-maintenance"
              className="size-4 accent-[var(--accent)]"
            />
            Open a maintenance window over the service until the deploy finishes, at most
          </label>
          <input
            type="number"
            name="maintenanceMinutes"
            aria-label="Maintenance window cap in minutes"
            defaultValue={15}
            min={1}
            max={120}
            className={`${controlClasses} w-20`}
          />
          <span>minutes</span>
        </div>
        <p id="deploy-maintenance-hint" className="text-xs text-muted">
          Checks keep running; nothing pages or warns, and the time can be left out of uptime.
          Succeeded, failed or rolled back closes it.
        </p>
        {[...(errors("maintenance") ?? []), ...(errors("maintenanceMinutes") ?? [])].length > 0 ? (
          <p className="text-xs font-medium text-danger">
            {[...(errors("maintenance") ?? []), ...(errors("maintenanceMinutes") ?? [])].join(" ")}
          </p>
        ) : null}
      </fieldset>
      <Field id="deploy-notes" label="Notes (optional)" error={errors("notes")}>
        <textarea
          id="deploy-notes"
          name="notes"
          rows={2}
          maxLength={2_000}
          className={`${controlClasses} h-auto py-1.5`}
          {...fieldAria("deploy-notes", errors("notes"))}
        />
      </Field>
    </>
  );
}

export function RecordDeployForm({
  idempotencyKey: initialKey,
  services,
  defaultServiceId = "",
  defaultWho,
}: {
  /** A fresh key per page render; after each recorded deploy the form takes a new one. */
  idempotencyKey: string;
  services: DeployServiceOption[];
  defaultServiceId?: string;
  defaultWho: string;
}) {
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: (input: CreateDeployInput) => runAction(() => recordDeployAction(input)),
    // The service's tile and page show a deploy in flight.
    onSuccess: ({ deploy }) => {
      void queryClient.invalidateQueries({ queryKey: healthKeys.service(deploy.service.id) });
      void queryClient.invalidateQueries({ queryKey: healthKeys.summaries() });
    },
  });
  const state = mutationResult(record);
  const recorded = state?.ok ? state.data : null;
  // The page re-renders with a new key after every action; this form keeps the one it started with and
  // derives the next from the deploy just recorded, so a replayed double submit (same deploy) keeps its key.
  const [baseKey] = useState(initialKey);
  const [idempotencyKey, setIdempotencyKey] = useState(initialKey);
  const nextKey = recorded ? `${baseKey}:${recorded.deploy.id}` : idempotencyKey;
  if (nextKey !== idempotencyKey) setIdempotencyKey(nextKey);

  const errors: Errors = (field) => fieldErrors(state, field);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The form's fields are the input's fields, every value a string the schema reads.
    record.mutate(Object.fromEntries(new FormData(event.currentTarget)) as CreateDeployInput);
  }
  const topError = formError(state, shownFields);

  return (
    <div className="flex flex-col gap-3">
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {recorded ? (
        <Alert tone="success" data-testid="deploy-recorded">
          {recorded.created ? "Recorded" : "Already recorded"} deploy #{recorded.deploy.number}:{" "}
          {recorded.deploy.service.name} {recorded.deploy.label},{" "}
          {deployStatusLabels[recorded.deploy.status]}.
        </Alert>
      ) : null}
      <form
        key={idempotencyKey}
        method="post"
        onSubmit={onSubmit}
        noValidate
        data-testid="record-deploy-form"
        className="flex flex-col gap-3"
      >
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <DeployFields
          services={services}
          defaultServiceId={defaultServiceId}
          defaultWho={defaultWho}
          errors={errors}
        />
        <div>
          <SubmitButton
            pending={record.isPending}
            label="Record deploy"
            pendingLabel="Recording…"
          />
        </div>
      </form>
    </div>
  );
}
