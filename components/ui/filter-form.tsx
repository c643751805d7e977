import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button, buttonClasses } from "@/components/ui/button";

/**
 * A plain GET form over a list: the filter lives in the URL, so a filtered list can be shared and reloaded. Keyed by
 * the values so the fields show the URL's filter after a client-side navigation; Clear shows while a filter is on.
 */
export function FilterForm({
  action,
  values,
  active,
  label,
  testId,
  className = "",
  children,
}: {
  action: string;
  values: object;
  active: boolean;
  label: string;
  testId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form
      key={JSON.stringify(values)}
      action={action}
      data-testid={testId}
      aria-label={label}
      className={`flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-3 ${className}`}
    >
      {children}
      <div className="flex items-center gap-2">
        <Button type="submit" data-testid={`${testId}-apply`}>
          Apply
        </Button>
        {active ? (
          <Link href={action} className={buttonClasses("ghost")}>
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
