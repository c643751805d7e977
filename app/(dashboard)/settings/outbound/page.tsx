import type { Metadata } from "next";
import { AllowRuleForm } from "@/components/outbound/allow-rule-form";
import { AllowRuleRow } from "@/components/outbound/allow-rule-row";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Table, TableHead } from "@/components/ui/table";
import { requirePageRole } from "@/lib/auth/guard";
import { listAllowRules } from "@/lib/outbound/data";

export const metadata: Metadata = { title: "Outbound allow-list" };

export default async function OutboundPage() {
  await requirePageRole("admin", "/settings/outbound");
  const rules = await listAllowRules();
  return (
    <>
      <PageHeader
        title="Outbound allow-list"
        description={
          <>
            Vigil only calls http and https URLs and never a cloud metadata address; this
            machine&apos;s own addresses, loopback, private, link-local and documentation addresses
            are refused unless a rule here allows them. The policy is checked when a service is
            saved, on Check now, and at connect time after DNS resolution (every address a name
            resolves to; only allowed ones are connected to) and on each redirect.
          </>
        }
      />
      <div className="flex flex-col gap-4">
        <Panel title="Allow an address range">
          <AllowRuleForm />
        </Panel>
        {rules.length === 0 ? (
          <EmptyState title="No rules: only public addresses can be checked">
            Add a rule above to check a service on a private network or on this machine.
          </EmptyState>
        ) : (
          <Table data-testid="allow-rules-table" className="min-w-[40rem]">
            <caption className="sr-only">Outbound allow rules</caption>
            <TableHead columns={["Rule", "Note", "Added"]} actions />
            <tbody>
              {rules.map((rule) => (
                <AllowRuleRow key={rule.id} rule={rule} />
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </>
  );
}
