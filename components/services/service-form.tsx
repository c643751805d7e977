"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, TextField, fieldAria } from "@/components/ui/field";
import { Input, controlClasses } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { mutationResult, runAction } from "@/components/ui/action-mutation";
import { formError } from "@/components/ui/use-form-action";
import { serviceInputFromForm } from "@/components/services/service-form-input";
import type { ActionResult } from "@/lib/errors";
import { createServiceAction, updateServiceAction } from "@/lib/services/actions";
import { sloFractionFromPercent, sloPercentFromFraction } from "@/components/health/format";
import { alertDefaults, probeProfiles, profileLabels } from "@/lib/health/labels";
import { intervalLimits, timeoutLimits } from "@/lib/services/labels";
import type { ServiceConfigView, ServiceFormInput } from "@/lib/services/types";

const shownFields = [
  "name",
  "environment",
  "baseUrl",
  "profile",
  "intervalSeconds",
  "timeoutSeconds",
  "latencySloMs",
  "failureThreshold",
  "recoveryThreshold",
  "enabled",
  "checkTlsExpiry",
  "degradedWarnAfterSeconds",
  "flappingStableSeconds",
  "latencyWindowSeconds",
  "availabilitySlo",
  "availabilityWindowDays",
  "certWarnDays",
  "certPageDays",
  "escalationPolicyId",
  "tags",
  "links.logs",
  "links.railway",
  "links.runbook",
  "links.repository",
  "sampleProbe",
  "sampleProbe.method",
  "sampleProbe.path",
  "sampleProbe.body",
  "sampleProbe.expectedStatus",
  "sampleProbe.latencyBudgetMs",
] as const;

/** Errors for a field, including those of its elements ("tags.2" belongs to "tags"). */
function errorsFor(
  state: ActionResult<ServiceConfigView> | null,
  field: string,
): string[] | undefined {
  if (!state || state.ok || !state.error.fields) return undefined;
  const messages = Object.entries(state.error.fields)
    .filter(([key]) => key === field || (field === "tags" && /^tags\.\d+$/.test(key)))
    .flatMap(([, list]) => list);
  return messages.length > 0 ? [...new Set(messages)] : undefined;
}

function isShown(field: string): boolean {
  return (shownFields as readonly string[]).includes(field) || /^tags\.\d+$/.test(field);
}

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset className="grid gap-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-3">
      <legend className="px-1 text-sm font-semibold">{title}</legend>
      {description ? (
        <p className="-mt-1 text-xs text-muted sm:col-span-2 lg:col-span-3">{description}</p>
      ) : null}
      {children}
    </fieldset>
  );
}

function Checkbox({
  id,
  name,
  label,
  hint,
  defaultChecked,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  defaultChecked: boolean;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        value="true"
        defaultChecked={defaultChecked}
        aria-describedby={`${id}-hint`}
        className="mt-0.5 size-4 accent-[var(--accent)]"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      </div>
    </div>
  );
}

/** `policies`: the escalation policies a service may name (the default is "follow the default"). */
export type ServicePolicyOption = { id: string | null; name: string; isDefault: boolean };

export function ServiceForm({
  service,
  policies = [],
}: {
  service?: ServiceConfigView;
  policies?: ServicePolicyOption[];
}) {
  const router = useRouter();
  // The version the form was opened at, even if the page re-renders with newer data: a stale save must get its 409.
  const [openedVersion] = useState(service?.version);
  const save = useMutation({
    mutationFn: (input: ServiceFormInput) =>
      runAction(() =>
        service
          ? updateServiceAction(service.id, { ...input, version: openedVersion })
          : createServiceAction(input),
      ),
  });
  const state = mutationResult(save);
  const pending = save.isPending;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(serviceInputFromForm(Object.fromEntries(new FormData(event.currentTarget))));
  };
  const savedId = state?.ok ? state.data.id : null;
  // Typed as a percentage, sent as the fraction the service stores (a hidden field carries it).
  const [sloPercent, setSloPercent] = useState(
    sloPercentFromFraction(service?.availabilitySlo ?? alertDefaults.availabilitySlo),
  );

  useEffect(() => {
    if (savedId) router.push(`/settings/services?saved=${savedId}`);
  }, [savedId, router]);

  const stale =
    state !== null && !state.ok && state.error.code === "conflict" && !state.error.fields;
  const errorFields = state && !state.ok ? Object.keys(state.error.fields ?? {}) : [];
  const topError = stale ? null : formError(state, errorFields.filter(isShown));
  const errors = (field: string) => errorsFor(state, field);
  const probe = service?.sampleProbe ?? null;
  const id = (field: string) => `service-${field.replace(".", "-")}`;
  const textareaId = id("sampleProbe.body");

  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      data-testid="service-form"
      className="flex flex-col gap-4"
    >
      {stale ? (
        <Alert tone="error" data-testid="stale-service">
          Someone changed this service since you opened it.{" "}
          <a
            href={`/settings/services/${service?.id ?? ""}`}
            className="underline underline-offset-2"
          >
            Reload to see their change
          </a>{" "}
          (what you typed here is not kept; copy anything you need first).
        </Alert>
      ) : null}
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      {savedId ? <Alert tone="success">Saved. Taking you to the list…</Alert> : null}

      <Section title="Service">
        <TextField
          id={id("name")}
          label="Name"
          name="name"
          defaultValue={service?.name}
          error={errors("name")}
          hint="As people say it, e.g. MCP server."
          autoComplete="off"
          required
        />
        <TextField
          id={id("environment")}
          label="Environment"
          name="environment"
          defaultValue={service?.environment ?? "production"}
          error={errors("environment")}
          hint="Lower-case letters, digits and dashes."
          autoComplete="off"
        />
        <TextField
          id={id("tags")}
          label="Tags"
          name="tags"
          defaultValue={service?.tags.join(", ")}
          error={errors("tags")}
          hint="Comma-separated, e.g. mcp, core. Used to filter the overview."
          autoComplete="off"
        />
        <TextField
          id={id("baseUrl")}
          label="Base URL"
          name="baseUrl"
          type="url"
          defaultValue={service?.baseUrl}
          placeholder="https://mcp.holoscript.net"
          error={errors("baseUrl")}
          hint="http or https. Private and loopback addresses need an admin's outbound allow rule."
          autoComplete="off"
          className="sm:col-span-2"
          required
        />
        <Field
          id={id("profile")}
          label="Probe profile"
          error={errors("profile")}
          hint="Decides which paths are checked and how the answer is judged."
        >
          <Select
            id={id("profile")}
            name="profile"
            defaultValue={service?.profile ?? "http"}
            {...fieldAria(id("profile"), errors("profile"), "hint")}
          >
            {probeProfiles.map((profile) => (
              <option key={profile} value={profile}>
                {profileLabels[profile]}
              </option>
            ))}
          </Select>
        </Field>
      </Section>

      <Section title="Schedule and alerting">
        <TextField
          id={id("intervalSeconds")}
          label="Interval (seconds)"
          name="intervalSeconds"
          type="number"
          inputMode="numeric"
          min={intervalLimits.min}
          max={intervalLimits.max}
          defaultValue={service?.intervalSeconds ?? intervalLimits.default}
          error={errors("intervalSeconds")}
          hint={`At least ${intervalLimits.min} s. Default ${intervalLimits.default} s.`}
        />
        <TextField
          id={id("timeoutSeconds")}
          label="Timeout (seconds)"
          name="timeoutSeconds"
          type="number"
          inputMode="numeric"
          min={timeoutLimits.min}
          max={timeoutLimits.max}
          defaultValue={service?.timeoutSeconds ?? timeoutLimits.default}
          error={errors("timeoutSeconds")}
          hint={`${timeoutLimits.min} to ${timeoutLimits.max} s, shorter than the interval. Default ${timeoutLimits.default} s.`}
        />
        <TextField
          id={id("latencySloMs")}
          label="Latency SLO (ms)"
          name="latencySloMs"
          type="number"
          inputMode="numeric"
          min={50}
          max={60_000}
          defaultValue={service?.latencySloMs ?? 3_000}
          error={errors("latencySloMs")}
          hint="A p95 over the latency window slower than this counts as degraded. Runbook: < 3 s for health."
        />
        <TextField
          id={id("failureThreshold")}
          label="Alert after failed checks"
          name="failureThreshold"
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          defaultValue={service?.failureThreshold ?? 2}
          error={errors("failureThreshold")}
          hint="Consecutive. The runbook pages on two consecutive failures."
        />
        <TextField
          id={id("recoveryThreshold")}
          label="Recover after passed checks"
          name="recoveryThreshold"
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          defaultValue={service?.recoveryThreshold ?? 2}
          error={errors("recoveryThreshold")}
          hint="Consecutive passes before the alert clears. Default 2."
        />
        <div className="flex flex-col gap-2">
          <Checkbox
            id={id("enabled")}
            name="enabled"
            label="Enabled"
            hint="Disabled services are not checked and never alert."
            defaultChecked={service?.enabled ?? true}
          />
          <Checkbox
            id={id("checkTlsExpiry")}
            name="checkTlsExpiry"
            label="Watch the TLS certificate"
            hint="Warns and pages as the certificate nears expiry (https only)."
            defaultChecked={service?.checkTlsExpiry ?? true}
          />
        </div>
      </Section>

      <Section
        title="Alert levels"
        description="A page needs someone now: the failed checks above, a fast error-budget burn, a certificate in its page window. A warning needs a look: degraded for a while, flapping, a slow burn, a certificate in its warning window."
      >
        <TextField
          id={id("degradedWarnAfterSeconds")}
          label="Warn when degraded for (s)"
          name="degradedWarnAfterSeconds"
          type="number"
          inputMode="numeric"
          min={60}
          max={86_400}
          defaultValue={service?.degradedWarnAfterSeconds ?? alertDefaults.degradedWarnAfterSeconds}
          error={errors("degradedWarnAfterSeconds")}
          hint={`Not up on scheduled checks for this long raises a warning. Default ${alertDefaults.degradedWarnAfterSeconds} s.`}
        />
        <TextField
          id={id("flappingStableSeconds")}
          label="Flapping ends after a stable run of (s)"
          name="flappingStableSeconds"
          type="number"
          inputMode="numeric"
          min={60}
          max={86_400}
          defaultValue={service?.flappingStableSeconds ?? alertDefaults.flappingStableSeconds}
          error={errors("flappingStableSeconds")}
          hint={`The same result for this long ends flapping. Default ${alertDefaults.flappingStableSeconds} s.`}
        />
        <TextField
          id={id("latencyWindowSeconds")}
          label="Latency window (s)"
          name="latencyWindowSeconds"
          type="number"
          inputMode="numeric"
          min={60}
          max={3_600}
          defaultValue={service?.latencyWindowSeconds ?? alertDefaults.latencyWindowSeconds}
          error={errors("latencyWindowSeconds")}
          hint={`The p95 over this window is judged against the latency SLO, never one check. Default ${alertDefaults.latencyWindowSeconds} s.`}
        />
        <Field
          id={id("availabilitySlo")}
          label="Availability SLO (%)"
          error={errors("availabilitySlo")}
          hint="Share of checks not down, 90 to 99.999. Default 99.9."
        >
          <Input
            id={id("availabilitySlo")}
            type="text"
            inputMode="decimal"
            value={sloPercent}
            onChange={(event) => setSloPercent(event.target.value)}
            autoComplete="off"
            {...fieldAria(id("availabilitySlo"), errors("availabilitySlo"), "hint")}
          />
          <input type="hidden" name="availabilitySlo" value={sloFractionFromPercent(sloPercent)} />
        </Field>
        <TextField
          id={id("availabilityWindowDays")}
          label="SLO window (days)"
          name="availabilityWindowDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          defaultValue={service?.availabilityWindowDays ?? alertDefaults.availabilityWindowDays}
          error={errors("availabilityWindowDays")}
          hint={`The error budget is counted over this many days. Default ${alertDefaults.availabilityWindowDays}.`}
        />
        <TextField
          id={id("certWarnDays")}
          label="Certificate: warn within (days)"
          name="certWarnDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          defaultValue={service?.certWarnDays ?? alertDefaults.certWarnDays}
          error={errors("certWarnDays")}
          hint={`Days before expiry. Default ${alertDefaults.certWarnDays}.`}
        />
        <TextField
          id={id("certPageDays")}
          label="Certificate: page within (days)"
          name="certPageDays"
          type="number"
          inputMode="numeric"
          min={0}
          max={60}
          defaultValue={service?.certPageDays ?? alertDefaults.certPageDays}
          error={errors("certPageDays")}
          hint={`Fewer days than the warning. Default ${alertDefaults.certPageDays}. The service stays up and its uptime untouched.`}
        />
        <Field
          id={id("escalationPolicyId")}
          label="Escalation policy"
          error={errors("escalationPolicyId")}
          hint={
            <>
              Who its pages reach, level by level.{" "}
              <Link href="/settings/on-call" className="underline underline-offset-2">
                Edit the policies
              </Link>
            </>
          }
        >
          <Select
            id={id("escalationPolicyId")}
            name="escalationPolicyId"
            defaultValue={service?.escalationPolicyId ?? ""}
            data-testid="service-escalation-policy"
            {...fieldAria(id("escalationPolicyId"), errors("escalationPolicyId"), "hint")}
          >
            <option value="">
              The default policy
              {policies.find((policy) => policy.isDefault)
                ? ` (${policies.find((policy) => policy.isDefault)?.name})`
                : ""}
            </option>
            {policies
              .filter((policy) => policy.id !== null)
              .map((policy) => (
                <option key={policy.id} value={policy.id ?? ""}>
                  {policy.name}
                  {policy.isDefault ? " (the default now)" : ""}
                </option>
              ))}
          </Select>
        </Field>
      </Section>

      <Section
        title="Links"
        description="Shown on the service page. Only http(s) URLs become links; anything else is shown as text."
      >
        <TextField
          id={id("links.logs")}
          label="Logs"
          name="links.logs"
          defaultValue={service?.links.logs}
          error={errors("links.logs")}
          autoComplete="off"
        />
        <TextField
          id={id("links.railway")}
          label="Railway service"
          name="links.railway"
          defaultValue={service?.links.railway}
          error={errors("links.railway")}
          autoComplete="off"
        />
        <TextField
          id={id("links.runbook")}
          label="Runbook section"
          name="links.runbook"
          defaultValue={service?.links.runbook}
          error={errors("links.runbook")}
          hint="e.g. the “Common failures” section."
          autoComplete="off"
        />
        <TextField
          id={id("links.repository")}
          label="Repository path"
          name="links.repository"
          defaultValue={service?.links.repository}
          error={errors("links.repository")}
          hint="e.g. packages/mcp-server."
          autoComplete="off"
        />
      </Section>

      <Section
        title="Sample probe (optional)"
        description="For the runbook's “sample compile or parse route returns within timeout budget”: one extra request on every check. Leave the path empty for none."
      >
        <Field id={id("sampleProbe.method")} label="Method" error={errors("sampleProbe.method")}>
          <Select
            id={id("sampleProbe.method")}
            name="sampleProbe.method"
            defaultValue={probe?.method ?? "GET"}
            {...fieldAria(id("sampleProbe.method"), errors("sampleProbe.method"))}
          >
            <option value="GET">GET</option>
            <option value="POST">POST</option>
            <option value="HEAD">HEAD</option>
          </Select>
        </Field>
        <TextField
          id={id("sampleProbe.path")}
          label="Path"
          name="sampleProbe.path"
          defaultValue={probe?.path}
          placeholder="/api/parse"
          error={errors("sampleProbe.path") ?? errors("sampleProbe")}
          hint="Appended to the base URL; starts with /."
          autoComplete="off"
        />
        <TextField
          id={id("sampleProbe.expectedStatus")}
          label="Expected HTTP status"
          name="sampleProbe.expectedStatus"
          type="number"
          inputMode="numeric"
          min={100}
          max={599}
          defaultValue={probe?.expectedStatus ?? 200}
          error={errors("sampleProbe.expectedStatus")}
        />
        <TextField
          id={id("sampleProbe.latencyBudgetMs")}
          label="Latency budget (ms)"
          name="sampleProbe.latencyBudgetMs"
          type="number"
          inputMode="numeric"
          min={50}
          max={45_000}
          defaultValue={probe?.latencyBudgetMs ?? 5_000}
          error={errors("sampleProbe.latencyBudgetMs")}
          hint="Slower than this counts as degraded."
        />
        <Field
          id={textareaId}
          label="Request body"
          error={errors("sampleProbe.body")}
          hint="For POST, e.g. a small JSON document. Up to 64 KiB."
          className="sm:col-span-2"
        >
          <textarea
            id={textareaId}
            name="sampleProbe.body"
            rows={4}
            defaultValue={probe?.body}
            spellCheck={false}
            className={`${controlClasses} h-auto py-1.5 font-mono text-xs`}
            {...fieldAria(textareaId, errors("sampleProbe.body"), "hint")}
          />
        </Field>
      </Section>

      <div className="flex items-center gap-2">
        <Button
          type="submit"
          variant="primary"
          disabled={pending || savedId !== null}
          data-testid="service-save"
        >
          {pending ? "Saving…" : service ? "Save changes" : "Add service"}
        </Button>
        <Link href="/settings/services" className={buttonClasses("ghost")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
