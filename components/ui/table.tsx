import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";

export function Table({ className = "", children, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table
        className={`w-full border-collapse text-left text-sm [&>tbody>tr:last-child>td]:border-b-0 ${className}`}
        {...props}
      >
        {children}
      </table>
    </div>
  );
}

export function Th({ className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`border-b border-line bg-surface-2 px-3 py-2 text-xs font-semibold whitespace-nowrap text-muted ${className}`}
      {...props}
    />
  );
}

export function Td({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`border-b border-line px-3 py-2 align-top ${className}`} {...props} />;
}

export type TableColumn = string | { label: string; className: string };

/** A header row of plain column labels; `actions` adds the unlabelled last column that holds row buttons. */
export function TableHead({
  columns,
  actions = false,
}: {
  columns: readonly TableColumn[];
  actions?: boolean;
}) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === "string" ? (
            <Th key={column}>{column}</Th>
          ) : (
            <Th key={column.label} className={column.className}>
              {column.label}
            </Th>
          ),
        )}
        {actions ? (
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        ) : null}
      </tr>
    </thead>
  );
}
