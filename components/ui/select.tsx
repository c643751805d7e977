import type { ComponentProps } from "react";
import { controlClasses } from "@/components/ui/input";

export function Select({ className = "", ...props }: ComponentProps<"select">) {
  return <select className={`${controlClasses} pr-7 ${className}`} {...props} />;
}

/** An option for each value, shown by its label. */
export function LabelledOptions<Value extends string>({
  values,
  labels,
}: {
  values: readonly Value[];
  labels: Record<Value, string>;
}) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {labels[value]}
        </option>
      ))}
    </>
  );
}
