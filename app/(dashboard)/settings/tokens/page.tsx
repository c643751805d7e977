import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { TokensTable } from "@/components/settings/tokens-table";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePageRole } from "@/lib/auth/guard";
import { listApiTokens } from "@/lib/tokens/data";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requirePageRole("admin", "/settings/tokens");
  const tokens = await listApiTokens();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Send a token as “Authorization: Bearer <token>”. It carries its owner's role."
      />
      <div className="flex flex-col gap-4">
        <Panel title="Create a token">
          <CreateTokenForm defaultOwnerEmail={actor.email} />
        </Panel>
        <TokensTable tokens={tokens} />
      </div>
    </>
  );
}
