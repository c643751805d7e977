import type { ComponentProps, ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** The aria attributes that tie a control to its hint and error text. */
export function fieldAria(id: string, error?: string[], hint?: ReactNode) {
  const describedBy = [error?.length ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(" ");
  return {
    "aria-invalid": error?.length ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } as const;
}

export function Field({
  id,
  label,
  error,
  hint,
  className = "",
  children,
}: {
  id: string;
  label: string;
  error?: string[];
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-text">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {error?.length ? (
        <p id={`${id}-error`} className="text-xs font-medium text-danger">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text input with its hint and error text wired up: the common case of Field + Input. */
export function TextField({
  id,
  label,
  error,
  hint,
  className,
  ...inputProps
}: { id: string; label: string; error?: string[]; hint?: ReactNode; className?: string } & Omit<
  ComponentProps<"input">,
  "id" | "className"
>) {
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <Input id={id} {...inputProps} {...fieldAria(id, error, hint)} />
    </Field>
  );
}

/** A labelled select with its hint and error text wired up: the common case of Field + Select. */
export function SelectField({
  id,
  label,
  error,
  hint,
  className,
  ...selectProps
}: { id: string; label: string; error?: string[]; hint?: ReactNode; className?: string } & Omit<
  ComponentProps<"select">,
  "id" | "className"
>) {
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <Select id={id} {...selectProps} {...fieldAria(id, error, hint)} />
    </Field>
  );
}
