import { TokenRow } from "@/components/settings/token-row";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Th } from "@/components/ui/table";
import type { ApiTokenView } from "@/lib/tokens/types";

export function TokensTable({ tokens }: { tokens: ApiTokenView[] }) {
  if (tokens.length === 0) {
    return <EmptyState title="No API tokens yet">Create one above for each script or integration that calls the API.</EmptyState>;
  }
  return (
    <Table data-testid="tokens-table" className="min-w-[56rem]">
      <caption className="sr-only">API tokens</caption>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Prefix</Th>
          <Th>Owner</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Expires</Th>
          <Th>State</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <TokenRow key={token.id} token={token} />
        ))}
      </tbody>
    </Table>
  );
}
