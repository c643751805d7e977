import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { AuditEntryView } from "@/lib/audit/types";

function compactDetails(details: unknown): string | null {
  if (details === null || details === undefined) return null;
  if (typeof details === "object" && Object.keys(details).length === 0) return null;
  return JSON.stringify(details);
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  if (entries.length === 0) {
    return (
      <EmptyState title="No audit entries match">
        Loosen the filter, or clear it to see everything.
      </EmptyState>
    );
  }
  return (
    <Table data-testid="audit-table" className="min-w-[48rem]">
      <caption className="sr-only">Audit log, newest first</caption>
      <TableHead columns={["When", "Actor", "Action", "Target", "Details"]} />
      <tbody>
        {entries.map((entry) => {
          const details = compactDetails(entry.details);
          return (
            <tr key={entry.id} data-testid="audit-row">
              <Td>
                <Time iso={entry.createdAt} />
              </Td>
              <Td className="break-words">{entry.actorLabel}</Td>
              <Td>
                <code className="font-mono text-xs">{entry.action}</code>
              </Td>
              <Td className="text-xs">
                <span className="font-medium">{entry.targetType}</span>
                {entry.targetId ? (
                  <span className="block font-mono whitespace-nowrap text-muted">
                    {entry.targetId}
                  </span>
                ) : null}
              </Td>
              <Td className="max-w-md min-w-48">
                {details ? (
                  <code className="block font-mono text-xs break-all text-muted">{details}</code>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
