import { TokenRow } from "@/components/settings/token-row";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead } from "@/components/ui/table";
import type { ApiTokenView } from "@/lib/tokens/types";

export function TokensTable({ tokens }: { tokens: ApiTokenView[] }) {
  if (tokens.length === 0) {
    return (
      <EmptyState title="No API tokens yet">
        Create one above for each script or integration that calls the API.
      </EmptyState>
    );
  }
  return (
    <Table data-testid="tokens-table" className="min-w-[56rem]">
      <caption className="sr-only">API tokens</caption>
      <TableHead
        columns={["Name", "Prefix", "Owner", "Created", "Last used", "Expires", "State"]}
        actions
      />
      <tbody>
        {tokens.map((token) => (
          <TokenRow key={token.id} token={token} />
        ))}
      </tbody>
    </Table>
  );
}
