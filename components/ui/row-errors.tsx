import { Td } from "@/components/ui/table";

/** A table row's failed actions, as a full-width row under it. */
export function RowErrors({ errors, colSpan }: { errors: string[]; colSpan: number }) {
  if (errors.length === 0) return null;
  return (
    <tr>
      <Td colSpan={colSpan} className="bg-surface-2">
        {errors.map((message, index) => (
          <p key={index} role="alert" className="text-sm font-medium text-danger">
            {message}
          </p>
        ))}
      </Td>
    </tr>
  );
}
