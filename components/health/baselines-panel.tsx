"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { MutationForm } from "@/components/ui/mutation-form";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { fieldErrors } from "@/components/ui/use-form-action";
import { useFormMutation } from "@/components/settings/use-form-mutation";
import { acceptBaselineAction } from "@/lib/health/actions";
import { baselineSourceWords, watchedFigures } from "@/lib/health/baseline-rules";
import { healthKeys } from "@/lib/health/query-keys";
import type { AcceptBaselineInput, BaselineView, ProbeProfile } from "@/lib/health/types";

const acceptFields = ["figure", "reason"] as const;

function AcceptBaselineForm({ serviceId, figures }: { serviceId: string; figures: string[] }) {
  const queryClient = useQueryClient();
  const form = useFormMutation(
    (input: AcceptBaselineInput) => acceptBaselineAction(serviceId, input),
    {
      resetOnSuccess: true,
      onSuccess: () =>
        void queryClient.invalidateQueries({ queryKey: healthKeys.service(serviceId) }),
    },
  );
  const { state, pending } = form;
  return (
    <div className="flex flex-col gap-2">
      <MutationForm
        form={form}
        shownFields={acceptFields}
        savedTestId="baseline-accepted"
        saved={(data) => (
          <>
            The {data.figure} baseline is now {data.value}.
          </>
        )}
        data-testid="baseline-form"
        className="grid gap-3 sm:grid-cols-[minmax(8rem,12rem)_1fr_auto] sm:items-start"
      >
        <SelectField
          id="baseline-figure"
          label="Figure"
          error={fieldErrors(state, "figure")}
          name="figure"
          defaultValue={figures[0]}
        >
          {figures.map((figure) => (
            <option key={figure} value={figure}>
              {figure}
            </option>
          ))}
        </SelectField>
        <TextField
          id="baseline-reason"
          label="Why the current value is right"
          name="reason"
          error={fieldErrors(state, "reason")}
          hint="Recorded with your name, e.g. “legacy tools removed in 6.2”."
          autoComplete="off"
          data-testid="baseline-reason"
          required
        />
        <div className="sm:pt-5">
          <SubmitButton
            pending={pending}
            label="Accept current value as baseline"
            pendingLabel="Accepting…"
          />
        </div>
      </MutationForm>
    </div>
  );
}

/**
 * Key figures compared with a baseline (tool count…): a drop below half of it keeps the service degraded until
 * the figure returns or a lead accepts the value seen now, which is recorded with who and why.
 */
export function BaselinesPanel({
  serviceId,
  profile,
  baselines,
  canAccept,
}: {
  serviceId: string;
  profile: ProbeProfile;
  baselines: BaselineView[];
  canAccept: boolean;
}) {
  const figures = [
    ...new Set([...baselines.map((baseline) => baseline.figure), ...watchedFigures[profile]]),
  ];
  return (
    <div className="flex flex-col gap-3">
      {baselines.length === 0 ? (
        <p data-testid="baselines-table" className="text-sm text-muted">
          {watchedFigures[profile].length > 0
            ? `No baseline yet: the first check that reads ${watchedFigures[profile].join(", ")} sets one.`
            : "This probe profile compares no key figure with a baseline."}
        </p>
      ) : (
        <Table data-testid="baselines-table">
          <caption className="sr-only">Key-figure baselines</caption>
          <TableHead
            columns={[
              "Figure",
              { label: "Baseline", className: "text-right" },
              "Source",
              "Set",
              "Accepted by, and why",
              { label: "Now", className: "text-right" },
            ]}
          />
          <tbody>
            {baselines.map((baseline) => (
              <tr
                key={baseline.figure}
                data-testid="baseline-row"
                data-figure={baseline.figure}
                data-dropped={baseline.dropped}
              >
                <Td className="font-medium">{baseline.figure}</Td>
                <Td className="text-right tabular-nums">{baseline.value}</Td>
                <Td className="text-xs">{baselineSourceWords[baseline.source]}</Td>
                <Td className="text-xs">
                  <Time iso={baseline.setAt} />
                </Td>
                <Td data-testid="baseline-accepted-by" className="min-w-48 text-xs break-words">
                  {baseline.source === "accepted" ? (
                    <>
                      accepted by{" "}
                      <span className="font-medium">
                        {baseline.acceptedBy ?? "someone no longer known"}
                      </span>
                      {baseline.reason ? <>: {baseline.reason}</> : null}
                    </>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </Td>
                <Td className="text-right whitespace-nowrap tabular-nums">
                  {baseline.current === null ? (
                    <span className="text-muted">not reported</span>
                  ) : (
                    baseline.current
                  )}
                  {baseline.dropped ? (
                    <Badge
                      tone="down"
                      className="ml-1.5"
                      data-testid="baseline-dropped"
                      title="Below half of the baseline: the service stays degraded until it returns or is accepted"
                    >
                      dropped
                    </Badge>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canAccept && figures.length > 0 ? (
        <AcceptBaselineForm serviceId={serviceId} figures={figures} />
      ) : null}
    </div>
  );
}
